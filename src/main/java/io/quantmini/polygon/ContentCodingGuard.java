package io.quantmini.polygon;

import io.quantmini.config.ApiKey;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fails, without a retry, an answer whose body is in a coding the client cannot decode (e.g. {@code deflate} or
 * {@code br}, which it does not ask for), unless its status is one worth a retry anyway. Placed between the client's
 * decompression and the connection, it sees the answer before the decompression, which would otherwise fail it as a
 * protocol error that the retry policy takes for a dropped connection: every retry would get the same undecodable
 * body.
 */
final class ContentCodingGuard implements ExecChainHandler {

    /** What the client decodes (see {@link PolygonAuth}), and {@code identity}, which is no coding at all. */
    static final Set<String> DECODED = Set.of("gzip", "x-gzip", "identity");

    /** What a coding's name looks like, to be repeated in an error. */
    private static final Pattern CODING_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,24}");

    private final ApiKey apiKey;

    ContentCodingGuard(ApiKey apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        String unknown = undecodedCoding(response.getHeaders(HttpHeaders.CONTENT_ENCODING));
        // A 429 or 5xx in such a coding is still worth a retry (the next answer may be data): the decompression's
        // protocol error, retried as a dropped connection, says so.
        if (unknown != null && response.getEntity() != null && response.getEntity().getContentLength() != 0
                && !PolygonResponseHandler.retryable(response.getCode())) {
            scope.execRuntime.discardEndpoint(); // the body is not read
            String path = request.getPath() == null ? "" : request.getPath();
            throw new PolygonException(apiKey.redactedFrom("HTTP " + response.getCode() + " for " + path
                    + " came with Content-Encoding: " + shown(unknown) + ", which the client did not ask for (gzip"
                    + " only) and cannot decode: not retried, since the server would answer the same again (a proxy"
                    + " recoding answers?)"), response.getCode(), false, -1);
        }
        return response;
    }

    /** The first coding of the headers the client does not decode, as sent; null if there is none. */
    static String undecodedCoding(Header[] headers) {
        for (Header header : headers) {
            for (String coding : header.getValue().split(",")) {
                String name = coding.strip();
                if (!name.isEmpty() && !DECODED.contains(name.toLowerCase(Locale.ROOT))) {
                    return name;
                }
            }
        }
        return null;
    }

    /**
     * A coding as the error shows it: a coding's name is a short token (deflate, br, zstd); anything else, or a token
     * that quotes the key, is not repeated, since a server can echo the key there in any encoding.
     */
    private String shown(String coding) {
        return CODING_NAME.matcher(coding).matches() && !apiKey.quotedInDecoded(coding) ? coding
                : "(a value that is not a coding's name, not shown)";
    }
}
