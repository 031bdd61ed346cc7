package io.quantmini.polygon;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * Fails an answer whose body is in a coding the client cannot decode (e.g. {@code deflate} or {@code br}, which it
 * does not ask for): without a retry, unless its status is one worth a retry anyway (429, 408, 5xx). Placed between the
 * client's decompression and the connection, it sees the answer before the decompression, which would otherwise fail
 * it as a protocol error that the retry policy takes for a dropped connection: every retry would get the same
 * undecodable body. A 429 or 5xx of that kind is retried after the wait its {@code Retry-After} asks for, as any other.
 */
final class ContentCodingGuard implements ExecChainHandler {

    /** What the client decodes, and {@code identity}, which is no coding at all; lower case. */
    private final Set<String> decoded;
    /** What an HTTP-date {@code Retry-After} is measured against. */
    private final Clock clock;

    /** HTTP's content codings (the IANA registry), which an error names. */
    private static final Set<String> REGISTERED = Set.of("aes128gcm", "br", "compress", "dcb", "dcz", "deflate", "exi",
            "pack200-gzip", "x-compress", "zstd");

    /** @param decoders the codings of the client's decoder registry ({@link PolygonAuth}) */
    ContentCodingGuard(Set<String> decoders, Clock clock) {
        this.clock = clock;
        Set<String> names = new java.util.HashSet<>(Set.of("identity"));
        decoders.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        this.decoded = Set.copyOf(names);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        String unknown = undecodedCoding(response.getHeaders(HttpHeaders.CONTENT_ENCODING));
        if (unknown != null && response.getEntity() != null && response.getEntity().getContentLength() != 0) {
            scope.execRuntime.discardEndpoint(); // the body is not read
            String path = request.getPath() == null ? "" : request.getPath();
            int status = response.getCode();
            // A 429 or 5xx is still worth a retry whatever its body (the next answer may be data); the client's own
            // error would quote the coding, lowercased, past the key's masking.
            boolean retryable = PolygonResponseHandler.retryable(status);
            Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
            long waitMillis = retryable && retryAfter != null ? RetryAfter.millis(retryAfter.getValue(), clock) : -1;
            throw new PolygonException("HTTP " + status + " for " + path + " came with Content-Encoding: "
                    + shown(unknown) + ", which the client did not ask for (gzip only) and cannot decode"
                    + (retryable ? "" : ": not retried, since the server would answer the same again (a proxy"
                    + " recoding answers?)"), status, retryable, waitMillis);
        }
        return response;
    }

    /** The first coding of the headers the client does not decode, as sent; null if there is none. */
    String undecodedCoding(Header[] headers) {
        for (Header header : headers) {
            for (String coding : header.getValue().split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !decoded.contains(name.toLowerCase(Locale.ROOT))) {
                    return name;
                }
            }
        }
        return null;
    }

    /**
     * A coding as the error shows it: one of HTTP's registered codings, by name; any other value is not repeated,
     * since a server can put anything there (the key, or part of it, in any encoding).
     */
    static String shown(String coding) {
        String name = coding.toLowerCase(Locale.ROOT);
        return REGISTERED.contains(name) ? name : "(not a registered coding; not shown)";
    }
}
