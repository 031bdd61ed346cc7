package io.quantmini.polygon;

/**
 * The top-level fields of a Polygon response the fetcher acts on: where the next page is, and Polygon's own
 * verdict ({@code status}, with {@code message} or {@code error} when it is not OK). Each may be null.
 */
public record PageHeader(String nextUrl, String status, String message) {
}
