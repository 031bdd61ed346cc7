package io.quantmini.silver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.bronze.BronzeDayWriter;
import io.quantmini.bronze.BronzeReader;
import io.quantmini.bronze.DatasetSchema;
import io.quantmini.lake.DayFiles;
import io.quantmini.lake.LakeLayout;
import io.quantmini.landing.LandingPage;
import org.apache.avro.generic.GenericRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A test lake: bronze days written through {@link BronzeDayWriter} from grouped-daily JSON, silver read back. */
final class BronzeLake {

    static final String DATASET = "stocks_daily";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One bar; {@code vwap} may be null (Polygon omits it sometimes). */
    record Bar(String ticker, double open, double high, double low, double close, double volume, Double vwap) {
    }

    final Path root;
    final LakeLayout lake;
    private final BronzeDayWriter writer;

    BronzeLake(Path root) {
        this.root = root;
        this.lake = new LakeLayout(root);
        this.writer = new BronzeDayWriter(lake, DatasetSchema.load(Path.of("config/datasets/stocks_daily.yaml")));
    }

    void writeDay(LocalDate date, List<Bar> bars) throws IOException {
        Path landing = lake.landingDay(DATASET, date).resolve("test.json");
        writer.write(date, List.of(new LandingPage("req-" + date, landing, groupedDaily(date, bars))));
    }

    /** The grouped-daily response body that lists {@code bars}. */
    static byte[] groupedDaily(LocalDate date, List<Bar> bars) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Bar bar : bars) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("T", bar.ticker());
            r.put("v", bar.volume());
            if (bar.vwap() != null) {
                r.put("vw", bar.vwap());
            }
            r.put("o", bar.open());
            r.put("c", bar.close());
            r.put("h", bar.high());
            r.put("l", bar.low());
            r.put("t", date.atTime(20, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
            r.put("n", 100);
            results.add(r);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("adjusted", true);
        body.put("results", results);
        body.put("status", "OK");
        return JSON.writeValueAsBytes(body);
    }

    Path silverFile(LocalDate date) {
        return lake.silverDayFile(DATASET, date);
    }

    NavigableMap<LocalDate, Path> silverFiles() throws IOException {
        return DayFiles.list(lake.silverDataset(DATASET));
    }

    List<GenericRecord> silverRows(LocalDate date) throws IOException {
        return BronzeReader.readAll(silverFile(date));
    }

    List<Path> allFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static List<LocalDate> weekdays(LocalDate start, int count) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = start; days.size() < count; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    /** Random-walk bars: per ticker, per day index, from a seed; consistent OHLC, positive volume. */
    static final class Walk {
        private final Map<String, double[]> closes = new TreeMap<>();
        private final long seed;

        Walk(long seed) {
            this.seed = seed;
        }

        Bar bar(String ticker, int day) {
            double[] c = closes.computeIfAbsent(ticker, t -> path(t, 2000));
            Random r = new Random(seed * 31 + ticker.hashCode() * 7919L + day);
            double close = c[day];
            double open = c[Math.max(0, day - 1)] * (1 + 0.004 * r.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.01 * r.nextDouble());
            double low = Math.min(open, close) * (1 - 0.01 * r.nextDouble());
            double volume = Math.floor(1000 + 1e6 * r.nextDouble());
            Double vwap = day % 17 == 3 ? null : (open + high + low + close) / 4;
            return new Bar(ticker, round(open), round(high), round(low), round(close), volume,
                    vwap == null ? null : round(vwap));
        }

        private double[] path(String ticker, int n) {
            Random r = new Random(seed ^ ticker.hashCode());
            double[] c = new double[n];
            c[0] = 20 + 80 * r.nextDouble();
            for (int i = 1; i < n; i++) {
                c[i] = Math.max(1, c[i - 1] * (1 + 0.02 * r.nextGaussian()));
            }
            return c;
        }

        private static double round(double v) {
            return Math.round(v * 10000) / 10000.0;
        }
    }
}
