package io.quantmini.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A loopback HTTP client for the replay tests. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return get(url, Duration.ofSeconds(30));
    }

    /** A HEAD request, through the same client (a client of its own keeps descriptors open until it is collected). */
    static HttpResponse<byte[]> head(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A GET with one more request header, e.g. {@code Accept-Encoding}. */
    static HttpResponse<byte[]> get(String url, String header, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header(header, value).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A HEAD request with one more request header. */
    static HttpResponse<byte[]> head(String url, String header, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header(header, value)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request with any method and no body. */
    static HttpResponse<byte[]> send(String method, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> get(String url, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Authorization", "Bearer test-key").GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
