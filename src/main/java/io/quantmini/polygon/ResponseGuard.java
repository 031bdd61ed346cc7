package io.quantmini.polygon;

import io.quantmini.config.ApiKey;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/**
 * What a server's answer may do to the run, bounded in the HTTP client, where the body is still a stream:
 * <ul>
 * <li>a body larger than {@link #MAX_BODY_BYTES} once decompressed (a gzip bomb: 3 MB on the wire, 3 GB inflated; a
 * chunked body that never ends) fails its day, without a retry, and its connection is dropped, instead of filling the
 * heap or spinning until the request deadline;</li>
 * <li>a transport failure (a malformed header, a reset, a timeout) names the request it broke, and quotes the server
 * only with the API key redacted: the client's messages quote what the server sent, a header echoing the key
 * included;</li>
 * <li>a connection that cannot be made to the base URL's host (refused, unknown host, no route, connect timeout)
 * names the setting the host came from, so that a mistyped {@code POLYGON_BASE_URL} is found from the error alone.</li>
 * </ul>
 */
final class ResponseGuard implements ExecChainHandler {

    /**
     * Far above any Polygon page (a grouped-daily page of every US ticker is ~1.3 MB; 50,000 minute bars ~6 MB), and
     * low enough that as many bodies as requests in flight (50 by default) fit a small heap: 256 MB each did not.
     */
    static final long MAX_BODY_BYTES = 32L << 20;

    private final ApiKey apiKey;
    private final long maxBodyBytes;
    /** {@code scheme://host[:port]} of the base URL, and what a failed connection to it names as its source. */
    private final String baseOrigin;
    private final String baseUrlSource;
    /** The application's requests in flight: why one of them was cut is what its failure says. */
    private final InFlightRequests inFlight;

    ResponseGuard(ApiKey apiKey, long maxBodyBytes, String baseOrigin, String baseUrlSource,
                  InFlightRequests inFlight) {
        this.apiKey = apiKey;
        this.maxBodyBytes = maxBodyBytes;
        this.baseOrigin = baseOrigin;
        this.baseUrlSource = baseUrlSource;
        this.inFlight = inFlight;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        String path = request.getPath() == null ? "" : request.getPath();
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException | HttpException e) { // HttpException: a malformed answer, e.g. a header line
            throw failure(path + connectHint(request, e), scope, e);
        } catch (RuntimeException e) {
            // a wait for a connection, given up by a cut, fails unchecked
            if (inFlight.cutBecause(scope.execRuntime) != null) {
                throw failure(path, scope, e);
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            response.setEntity(new HttpEntityWrapper(entity) {
                @Override
                public InputStream getContent() throws IOException {
                    return new BoundedBody(super.getContent(), path, scope);
                }
            });
        }
        return response;
    }

    /** The failure as an {@link IOException} (so it is retried like any dropped connection) naming the request. */
    private IOException failure(String path, ExecChain.Scope scope, Exception e) {
        if (e instanceof TransportException transport) {
            return transport;
        }
        String cutBecause = inFlight.cutBecause(scope.execRuntime);
        if (cutBecause != null) { // else a cut read fails as "Socket closed", which names no reason
            return new TransportException(cutBecause + " (" + path + ")");
        }
        return new TransportException(inWords(e) + " (" + path + ")");
    }

    /**
     * A transfer's failure in its own words ("Connect to ... failed: Connection refused", "Read timed out"), which
     * say what went wrong without the client's class name; the kind is added where the words name only a host.
     */
    private String inWords(Exception e) {
        String message = e.getMessage() == null ? "" : apiKey.redactedFrom(e.getMessage()).strip();
        if (message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (e instanceof ConnectionRequestTimeoutException) { // its words name only the timeout
            return "no free connection to Polygon in time, all of quantmini.polygon.max-concurrent busy: " + message;
        }
        return e instanceof javax.net.ssl.SSLException ? "TLS: " + message : message;
    }

    /** For a connection the base URL's host refused (or never made): where that host was set. */
    private String connectHint(ClassicHttpRequest request, Exception e) {
        return isConnectFailure(e) && baseOrigin.equalsIgnoreCase(PolygonAuth.originOf(request))
                ? "; the host of " + baseUrlSource : "";
    }

    private static boolean isConnectFailure(Exception e) {
        return e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof ConnectTimeoutException;
    }

    private final class BoundedBody extends FilterInputStream {
        private final String path;
        private final ExecChain.Scope scope;
        private long read;

        BoundedBody(InputStream body, String path, ExecChain.Scope scope) {
            super(body);
            this.path = path;
            this.scope = scope;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException e) {
                throw failure(path, scope, e);
            }
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw failure(path, scope, e);
            }
            count(Math.max(n, 0));
            return n;
        }

        private void count(int bytes) {
            read += bytes;
            if (read > maxBodyBytes) {
                // Dropped, not drained: closing the body reads it to its end, and an endless one never ends.
                scope.execRuntime.discardEndpoint();
                throw new PolygonException("the body of " + path + " is larger than " + (maxBodyBytes >> 20)
                        + " MB once decompressed: not read (no Polygon page comes near that)", 200, false, -1);
            }
        }
    }
}
