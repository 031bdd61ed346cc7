package io.quantmini.bronze;

import io.quantmini.landing.LandingPage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The byte-level fast path of {@link PageDecoder} must decode exactly what the Jackson path decodes (same rows,
 * same values bit for bit, same rejects and byte ranges, same exceptions), whether it handles a page itself or
 * declines it.
 */
class PageDecoderFastPathTest {

    private static final DatasetSchema SCHEMA = TestDays.schema();

    @Test
    void edgeCasesDecodeAsJacksonDoes() {
        String[] records = {
                "{\"T\":\"A\",\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":10,\"vw\":1.25,\"t\":1704229200000,\"n\":3}",
                "{\"T\":\"B\",\"o\":-0,\"h\":2,\"l\":1,\"c\":1.5,\"v\":0,\"t\":1704229200000}",
                "{\"T\":\"C\",\"o\":-0.0,\"h\":1e2,\"l\":1E-2,\"c\":12.5e+1,\"v\":1.7976931348623157e308,\"t\":1.7042292E12}",
                "{\"T\":\"D\",\"o\":0.1,\"h\":0.30000000000000004,\"l\":0.1,\"c\":0.2,\"v\":123456789012345678,\"t\":1}",
                "{\"T\":\"E\",\"o\":1.0000000000000000001,\"h\":2.2250738585072014E-308,\"l\":4.9e-324,\"c\":1,\"v\":1e400,\"t\":1}",
                "{\"T\":\"F\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":96.5}",
                "{\"T\":\"G\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":96.0,\"n\":null,\"vw\":null,\"otc\":true}",
                "{\"T\":\"\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1}",
                "{\"T\":\"H\\u00e9\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1}",
                "{\"T\":\"Ü\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1}",
                "{\"T\":\"I\",\"o\":\"1\",\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1}",
                "{\"T\":\"J\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1,\"x\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"},\"otc\":false}",
                "{ \"T\" : \"K\" ,\n\t\"o\":1 ,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":12345678901234567890}",
                "{\"T\":\"L\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1,\"T\":\"M\"}",
                "{\"T\":\"N\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1,\"T\":null}",
                "{\"T\":\"O\",\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1}",
                "{\"T\":\"P\",\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":-9007199254740993.0}",
                "{\"T\":\"Q\",\"o\":123456789012345.6,\"h\":1234567890123456.7,\"l\":0.000001234567890123456,\"c\":1,\"v\":1,\"t\":1}",
                "{}",
        };
        for (String record : records) {
            assertSame(body("[" + record + "]"));
        }
        assertSame(body("[" + String.join(",", records) + "]"));
        // shapes: empty, null and missing results, other top-level members, trailing content, broken input
        for (String shape : new String[] {
                "{}", "{\"results\":null}", "{\"results\":[]}", " {\"status\":\"OK\",\"results\":[" + records[0] + "],\"n\":[1,[2]]} \n",
                "{\"results\":[" + records[0] + "]} x", "{\"results\":[" + records[0] + ",]}", "{\"results\":[1]}",
                "{\"results\":{}}", "{\"results\":[" + records[0] + "]", "{\"results\":[" + records[0], "[]", "",
                "{\"results\":[{\"T\":\"A\",\"o\":01}]}", "{\"results\":[{\"T\":\"A\",\"o\":1.}]}", "{\"results\":[{\"T\":\"A\",\"o\":tru}]}",
                "{\"results\":[{\"T\":\"A\",\"o\":1x}]}", "{\"resu\\u006cts\":[" + records[0] + "]}", "\uFEFF{\"results\":[]}",
                "{\"results\":[" + records[0] + "]}{}",
        }) {
            assertSame(shape.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomNumbersDecodeAsJacksonDoes() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder json = new StringBuilder("{\"results\":[");
            for (int i = 0; i < 50; i++) {
                json.append(i == 0 ? "" : ",").append("{\"T\":\"S").append(i).append('"');
                for (String field : new String[] {"o", "h", "l", "c", "v", "vw"}) {
                    json.append(",\"").append(field).append("\":").append(randomNumber(random));
                }
                for (String field : new String[] {"t", "n"}) {
                    long v = random.nextLong() >> (10 + random.nextInt(54));
                    json.append(",\"").append(field).append("\":").append(v).append(random.nextBoolean() ? ".0" : "");
                }
                json.append('}');
            }
            assertSame(body(json.append("]}").toString()));
        }
    }

    private static String randomNumber(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Long.toString(random.nextLong() >> (8 + random.nextInt(56)));
            case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 2 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(8) + "f", random.nextDouble() * 1e6);
            case 3 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(100000) + "e"
                    + (random.nextInt(60) - 30);
            case 4 -> "0.000" + Math.abs(random.nextLong());
            case 5 -> Long.toString(Math.abs(random.nextLong())) + Math.abs(random.nextLong()) + ".5";
            default -> Integer.toString(random.nextInt(1_000_000)) + "." + random.nextInt(10);
        };
    }

    private static byte[] body(String results) {
        return ("{\"queryCount\":2,\"adjusted\":true,\"results\":" + results + ",\"status\":\"OK\",\"request_id\":\"r\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void plainPagesTakeTheFastPath() {
        // the random pages above must not all be declined, or the comparison would prove nothing
        Random random = new Random(7);
        int fast = 0;
        for (int round = 0; round < 50; round++) {
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < 20; i++) {
                json.append(i == 0 ? "" : ",").append("{\"T\":\"S").append(i).append("\",\"o\":")
                        .append(randomNumber(random)).append(",\"h\":1,\"l\":1,\"c\":1,\"v\":1,\"t\":1}");
            }
            if (PageDecoder.fastPathAccepts(SCHEMA, body(json.append(']').toString()))) {
                fast++;
            }
        }
        assertEquals(true, fast > 40, fast + " of 50 pages on the fast path");
    }

    private static void assertSame(byte[] body) {
        LandingPage page = new LandingPage("id", Paths.get("landing/p.json"), body);
        String fast = decode(page, true);
        String jackson = decode(page, false);
        assertEquals(jackson, fast, new String(body, StandardCharsets.UTF_8));
    }

    /** Everything a decode leaves behind, as text: rows (doubles as raw bits), rejects, or the exception. */
    private static String decode(LandingPage page, boolean fast) {
        DayRows rows = new DayRows(SCHEMA.columns(), 4);
        List<Reject> rejects = new ArrayList<>();
        PageDecoder decoder = new PageDecoder(SCHEMA, TestDays.DAY);
        StringBuilder out = new StringBuilder();
        try {
            if (fast) {
                decoder.decode(page, 0, rows, rejects);
            } else {
                decoder.decodeWithJackson(page, 0, rows, rejects);
            }
        } catch (BronzeFormatException e) {
            out.append("exception: ").append(e.getMessage()).append('\n');
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < SCHEMA.columns().size(); c++) {
                out.append(rows.isNull(c, r) ? "null" : switch (SCHEMA.columns().get(c).type()) {
                    case DOUBLE -> Long.toHexString(Double.doubleToRawLongBits(rows.getDouble(c, r)));
                    default -> rows.format(c, r);
                }).append(' ');
            }
            out.append(rows.source(r)).append('\n');
        }
        rejects.forEach(reject -> out.append(reject).append('\n'));
        return out.toString();
    }
}
