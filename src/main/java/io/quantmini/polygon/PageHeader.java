package io.quantmini.polygon;

/**
 * The top-level fields of a Polygon response the fetcher acts on: where the next page is, and Polygon's own
 * verdict ({@code status}, with {@code message} or {@code error} when it is not OK). Each may be null.
 */
public record PageHeader(String nextUrl, String status, String message) {

    /** Collects a header from a response's top-level string fields, met in any order while the body is parsed. */
    public static final class Builder {
        private String nextUrl;
        private String status;
        private String message;

        /** Takes one top-level string field; fields that are not part of the header are ignored. */
        public void field(String name, String value) {
            switch (name) {
                case "next_url" -> nextUrl = value;
                case "status" -> status = value;
                case "message", "error" -> message = value;
                default -> { }
            }
        }

        public PageHeader build() {
            return new PageHeader(nextUrl, status, message);
        }
    }
}
