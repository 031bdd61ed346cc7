package io.quantmini.lake;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's parse errors in words for our messages, which name the file or URL themselves. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** Jackson's message without its "[Source: REDACTED (...); line: 1, column: 1]". */
    public static String withoutSource(JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)", "")
                .replaceAll("\\s*\\[Source: [^\\]]*\\]", "");
    }
}
