package io.quantmini.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a start failure's chain of causes is told: each cause that adds words, once, without Java class names. */
class StartFailureWordsTest {

    @Test
    void everyCauseThatAddsWordsIsToldOnce() {
        // Camel's chain for a bean that cannot be built: the file, then the bean, then a one-letter message
        RuntimeException chain = new RuntimeException("Error pre-parsing resource: file:/r/broken.camel.yaml",
                new RuntimeException("Error creating bean: badBean of type: #class:java.text.SimpleDateFormat",
                        new NullPointerException("e")));
        assertEquals(" (Error creating bean: badBean of type: #class:java.text.SimpleDateFormat)",
                QuantMiniCamel.causes(chain));
    }

    @Test
    void causesWithoutWordsOrRepeatingThemAddNothing() {
        assertEquals("", QuantMiniCamel.causes(new RuntimeException("outer", new IOException((String) null))));
        assertEquals("", QuantMiniCamel.causes(new RuntimeException((String) null, new IOException("ab"))));
        assertEquals("", QuantMiniCamel.causes(new RuntimeException("cannot read x: gone",
                new IOException("java.nio.file.NoSuchFileException: gone"))));
    }

    @Test
    void aMessageIsOneLineWithoutALeadingJavaClassName() {
        assertEquals("Resource is empty: file:/r/x.camel.yaml",
                QuantMiniCamel.inWords("java.io.IOException: Resource is empty: file:/r/x.camel.yaml\n"));
        assertEquals("a b", QuantMiniCamel.inWords(" a\n   b "));
        assertEquals("", QuantMiniCamel.inWords(null));
    }
}
