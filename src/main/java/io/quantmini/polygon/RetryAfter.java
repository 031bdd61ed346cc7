package io.quantmini.polygon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The wait an answer asks for in its {@code Retry-After} header: delta-seconds or an HTTP date. */
final class RetryAfter {

    /** {@code Retry-After} as HTTP defines it: delta-seconds, or an IMF-fixdate (Wed, 21 Oct 2015 07:28:00 GMT). */
    private static final java.util.regex.Pattern HTTP_FORM = java.util.regex.Pattern.compile(
            "[0-9]{1,10}|[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT");

    private RetryAfter() {
    }

    /** Whether {@code value} is written exactly as HTTP defines the header (what a replay may send again). */
    static boolean isHttpForm(String value) {
        return HTTP_FORM.matcher(value).matches();
    }

    /**
     * The wait in milliseconds; -1 when the header is absent or unreadable, {@link Long#MAX_VALUE} for seconds beyond
     * a long (the retry policy caps every wait at its configured maximum).
     */
    static long millis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.strip();
        try {
            long seconds = Math.max(0, Long.parseLong(value));
            return seconds > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : seconds * 1000;
        } catch (NumberFormatException notSeconds) {
            if (value.chars().allMatch(Character::isDigit)) {
                return Long.MAX_VALUE;
            }
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(Instant.now(clock), at.toInstant()).toMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
