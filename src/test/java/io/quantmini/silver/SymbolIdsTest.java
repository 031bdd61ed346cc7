package io.quantmini.silver;

import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class SymbolIdsTest {

    @Test
    void theSameBytesGetTheSameIdHoweverParquetHoldsThem() {
        SymbolIds ids = new SymbolIds();
        byte[] page = "xxBRK.Ayy".getBytes(StandardCharsets.UTF_8);
        int fromBuffer = ids.idOf(Binary.fromConstantByteBuffer(ByteBuffer.wrap(page, 2, 5)));
        assertEquals(fromBuffer, ids.idOf(Binary.fromConstantByteArray("BRK.A".getBytes(StandardCharsets.UTF_8))));
        assertEquals(fromBuffer, ids.idOf(Binary.fromReusedByteArray(page, 2, 5)));
        assertEquals(fromBuffer, ids.idOf(Binary.fromString("BRK.A")));
        int other = ids.idOf(Binary.fromString("Société"));
        assertNotEquals(fromBuffer, other);
        assertEquals(2, ids.size());
        assertEquals("BRK.A", ids.ticker(fromBuffer));
        assertEquals("Société", ids.ticker(other));
        assertEquals(other, ids.idOf(Binary.fromString("Société")));
    }

    @Test
    void aTickerKeepsItsOwnBytesWhenTheReadersBufferIsReused() {
        SymbolIds ids = new SymbolIds();
        byte[] page = "AAPL".getBytes(StandardCharsets.UTF_8);
        int aapl = ids.idOf(Binary.fromConstantByteBuffer(ByteBuffer.wrap(page)));
        page[0] = 'Z'; // the reader moves on to another page in the same buffer
        assertEquals("AAPL", ids.ticker(aapl));
        assertEquals(aapl, ids.idOf(Binary.fromString("AAPL")));
        assertNotEquals(aapl, ids.idOf(Binary.fromConstantByteBuffer(ByteBuffer.wrap(page))));
    }
}
