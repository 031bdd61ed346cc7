package io.quantmini.polygon;

import io.quantmini.config.ApiKey;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.entity.GZIPInputStreamFactory;
import org.apache.hc.client5.http.entity.InputStreamFactory;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;

/**
 * Adds {@code Authorization: Bearer <key>} inside the HTTP client, only for requests to the configured
 * Polygon host, asks for gzip only, and bounds each request as a whole ({@link RequestDeadline}) and what its answer
 * may do ({@link ResponseGuard}). The key never becomes a URI, a
 * Camel header or an exchange property, so neither Camel's endpoint registry, its tracer nor our landing index can
 * see it.
 */
public final class PolygonAuth implements HttpClientConfigurer {

    private final ApiKey apiKey;
    /** scheme://host[:port] of the base URL: the key goes to exactly that origin, never over plain http instead. */
    private final String origin;
    private final long deadlineSeconds;
    private final Clock clock;
    /** Where the base URL was set ({@code quantmini.polygon.base-url, from ...}): said when its host is unreachable. */
    private final String baseUrlSource;
    private final InFlightRequests inFlight;

    /**
     * @param deadlineSeconds the bound on a whole request, body included ({@link RequestDeadline})
     * @param clock           what an HTTP-date {@code Retry-After} is measured against
     * @param baseUrlSource   the setting the base URL came from and where it was set
     * @param inFlight        the application's requests in flight, which its stop and each request's deadline cut
     */
    public PolygonAuth(ApiKey apiKey, URI baseUrl, String baseUrlSource, long deadlineSeconds, Clock clock,
                       InFlightRequests inFlight) {
        this.apiKey = apiKey;
        this.inFlight = inFlight;
        this.clock = clock;
        this.baseUrlSource = baseUrlSource;
        this.origin = originOf(baseUrl.getScheme(), baseUrl.getHost(), baseUrl.getPort());
        this.deadlineSeconds = deadlineSeconds;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorFirst((HttpRequest request, org.apache.hc.core5.http.EntityDetails entity,
                                            org.apache.hc.core5.http.protocol.HttpContext context) -> {
            if (apiKey.isPresent() && origin.equalsIgnoreCase(originOf(request))) {
                request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey.reveal());
            }
        });
        // Ask for gzip only, as Polygon's own client does, and as the replay server and tests answer (and for x-gzip,
        // the name HTTP keeps for it, which a proxy may use: the registry is both what is asked for and what is
        // decoded). HttpClient's default also offers every coding commons-compress (on the classpath through Avro)
        // decodes: zstd, lz4, bzip2, pack200, deflate64; a server picking one of those would take a path nothing here
        // exercises.
        LinkedHashMap<String, InputStreamFactory> gzipOnly = new LinkedHashMap<>();
        gzipOnly.put("gzip", GZIPInputStreamFactory.getInstance());
        gzipOnly.put("x-gzip", GZIPInputStreamFactory.getInstance());
        builder.setContentDecoderRegistry(gzipOnly);
        builder.addExecInterceptorAfter(ChainElement.COMPRESS.name(), "quantmini-content-coding",
                new ContentCodingGuard(gzipOnly.keySet(), clock));
        builder.addExecInterceptorFirst("quantmini-request-deadline", new RequestDeadline(deadlineSeconds,
                inFlight));
        builder.addExecInterceptorFirst("quantmini-response-guard", new ResponseGuard(apiKey,
                ResponseGuard.MAX_BODY_BYTES, origin, baseUrlSource, inFlight));
    }

    /**
     * {@code scheme://host}, with {@code :port} unless it is the scheme's default (so :443 and none are one origin).
     */
    static String originOf(String scheme, String host, int port) {
        String lowerScheme = scheme == null ? "" : scheme.toLowerCase(java.util.Locale.ROOT);
        boolean defaultPort = port == -1 || ("https".equals(lowerScheme) && port == 443)
                || ("http".equals(lowerScheme) && port == 80);
        return lowerScheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    static String originOf(URI uri) {
        return originOf(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    /** The origin a request goes to; "" for one without an authority, which is no origin. */
    static String originOf(HttpRequest request) {
        return request.getAuthority() == null ? ""
                : originOf(request.getScheme(), request.getAuthority().getHostName(), request.getAuthority().getPort());
    }
}
