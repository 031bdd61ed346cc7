package io.quantmini.polygon;

import io.quantmini.config.ApiKey;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

import java.net.URI;

/**
 * Adds {@code Authorization: Bearer <key>} inside the HTTP client, only for requests to the configured
 * Polygon host, and bounds each request as a whole ({@link RequestDeadline}). The key never becomes a URI, a
 * Camel header or an exchange property, so neither Camel's endpoint registry, its tracer nor our landing index can
 * see it.
 */
public final class PolygonAuth implements HttpClientConfigurer {

    private final ApiKey apiKey;
    private final String authority;
    private final long deadlineSeconds;

    /** @param deadlineSeconds the bound on a whole request, body included ({@link RequestDeadline}) */
    public PolygonAuth(ApiKey apiKey, URI baseUrl, long deadlineSeconds) {
        this.apiKey = apiKey;
        this.authority = authorityOf(baseUrl);
        this.deadlineSeconds = deadlineSeconds;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorFirst((HttpRequest request, org.apache.hc.core5.http.EntityDetails entity,
                                            org.apache.hc.core5.http.protocol.HttpContext context) -> {
            if (apiKey.isPresent() && request.getAuthority() != null
                    && authority.equalsIgnoreCase(request.getAuthority().toString())) {
                request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey.reveal());
            }
        });
        builder.addExecInterceptorFirst("quantmini-request-deadline", new RequestDeadline(deadlineSeconds));
    }

    static String authorityOf(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) && port == 443)
                || ("http".equals(uri.getScheme()) && port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }
}
