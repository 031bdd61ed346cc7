package io.quantmini.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AcceptEncodingTest {

    @Test
    void gzipListedWithAWeightAboveZero() {
        assertTrue(AcceptEncoding.allowsGzip("gzip"));
        assertTrue(AcceptEncoding.allowsGzip("x-gzip"));
        assertTrue(AcceptEncoding.allowsGzip(" GZIP ; Q=0.5"));
        assertTrue(AcceptEncoding.allowsGzip("deflate, gzip;q=1.0, br;q=0.1"));
        // what HttpClient sends by default (ours asks for gzip only)
        assertTrue(AcceptEncoding.allowsGzip(
                "gzip, deflate, zstd, lz4-framed, lz4-block, bzip2, pack200, deflate64, x-gzip"));
    }

    @Test
    void gzipRefusedOrNotListed() {
        assertFalse(AcceptEncoding.allowsGzip(null));
        assertFalse(AcceptEncoding.allowsGzip(""));
        assertFalse(AcceptEncoding.allowsGzip("identity"));
        assertFalse(AcceptEncoding.allowsGzip("deflate, br"));
        assertFalse(AcceptEncoding.allowsGzip("gzip;q=0"));
        assertFalse(AcceptEncoding.allowsGzip("gzip;q=0.000"));
        assertFalse(AcceptEncoding.allowsGzip("gzip;q=often"), "a weight that is not a number allows nothing");
    }

    @Test
    void theWildcardCountsOnlyWhenGzipIsNotNamed() {
        assertTrue(AcceptEncoding.allowsGzip("*"));
        assertTrue(AcceptEncoding.allowsGzip("br, *;q=0.1"));
        assertFalse(AcceptEncoding.allowsGzip("*;q=0"));
        assertFalse(AcceptEncoding.allowsGzip("gzip;q=0, *"));
        assertTrue(AcceptEncoding.allowsGzip("*;q=0, gzip"));
    }
}
