package io.quantmini.polygon;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake Polygon on loopback that writes raw bytes, for answers no HTTP server library would send: none at all, one
 * trickled a byte at a time, a malformed or endless one. Each connection it accepts is served by the test's
 * {@link Behaviour} on a daemon thread of its own, and closed when that returns. {@link #close} closes the listening
 * socket and every connection still open, and waits for their threads to end.
 */
public final class RawLoopbackServer implements AutoCloseable {

    /** What the server does with one connection. Failing to read or write (the client hung up) ends it quietly. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket connection) throws IOException, InterruptedException;
    }

    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    /** Every connection accepted, open or not, each with the thread serving it; guarded by itself. */
    private final List<Socket> connections = new ArrayList<>();
    private final List<Thread> serving = new ArrayList<>();

    private RawLoopbackServer() throws IOException {
    }

    /** A server on a free loopback port, serving each connection it accepts with {@code behaviour}. */
    public static RawLoopbackServer start(Behaviour behaviour) throws IOException {
        RawLoopbackServer server = new RawLoopbackServer();
        daemon(() -> server.acceptEach(behaviour), "raw-loopback-server").start();
        return server;
    }

    private void acceptEach(Behaviour behaviour) {
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException closed) {
                return;
            }
            Thread thread = daemon(() -> serve(connection, behaviour), "raw-loopback-connection");
            synchronized (connections) {
                if (socket.isClosed()) { // close() has closed those it knew of: this one is not served
                    closeQuietly(connection);
                    return;
                }
                connections.add(connection);
                serving.add(thread);
            }
            thread.start();
        }
    }

    private static void serve(Socket connection, Behaviour behaviour) {
        try (connection) {
            behaviour.serve(connection);
        } catch (IOException | InterruptedException hungUpOrClosed) {
            // the client gave up on the answer, or the test closed the server: what these tests are about
        }
    }

    /**
     * Reads a request's head, up to and including the blank line that ends it.
     *
     * @throws EOFException if the client hangs up before the head ends
     */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.indexOf("\r\n\r\n", head.length() - 4) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client hung up before the request's head ended");
            }
            head.append((char) b); // ISO-8859-1, as HTTP reads a head
        }
        return head.toString();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Connections accepted so far, open or not. */
    public int accepted() {
        synchronized (connections) {
            return connections.size();
        }
    }

    @Override
    public void close() throws IOException {
        List<Thread> threads;
        synchronized (connections) {
            socket.close();
            connections.forEach(RawLoopbackServer::closeQuietly);
            threads = List.copyOf(serving);
        }
        try {
            for (Thread thread : threads) {
                thread.interrupt(); // one between two trickled bytes
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closed already, or broken: either way it serves nothing more
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
