package io.quantmini.silver.alpha158;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code alpha158/bars.csv} aligned the way Qlib sees it after {@code dump_bin}: the calendar is the union of all
 * dates, and each symbol gets one row per calendar day from its first to its last bar, NaN where it has no bar.
 */
final class BarsFixture {
    /** One symbol's aligned series; {@code dates[i]} is the calendar date of row i. */
    record Symbol(String name, String[] dates, double[] open, double[] high, double[] low, double[] close,
                  double[] volume, double[] vwap) {
    }

    private BarsFixture() {
    }

    static Map<String, Symbol> load(String resource) throws IOException {
        Map<String, TreeMap<String, double[]>> bars = new TreeMap<>();
        TreeSet<String> calendar = new TreeSet<>();
        try (BufferedReader r = reader(resource)) {
            String header = r.readLine();
            if (!"date,symbol,open,high,low,close,volume,vwap".equals(header)) {
                throw new IllegalStateException("unexpected header " + header);
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.split(",", -1);
                double[] v = new double[6];
                for (int k = 0; k < 6; k++) {
                    v[k] = p[k + 2].isEmpty() ? Double.NaN : Double.parseDouble(p[k + 2]);
                }
                calendar.add(p[0]);
                // dump_bin keeps the first row of a duplicated date
                bars.computeIfAbsent(p[1], s -> new TreeMap<>()).putIfAbsent(p[0], v);
            }
        }
        List<String> days = new ArrayList<>(calendar);
        Map<String, Symbol> out = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<String, double[]>> e : bars.entrySet()) {
            TreeMap<String, double[]> byDate = e.getValue();
            int first = days.indexOf(byDate.firstKey());
            int last = days.indexOf(byDate.lastKey());
            int n = last - first + 1;
            String[] dates = days.subList(first, last + 1).toArray(new String[0]);
            double[][] fields = new double[6][n];
            for (double[] f : fields) {
                Arrays.fill(f, Double.NaN);
            }
            for (int i = 0; i < n; i++) {
                double[] bar = byDate.get(dates[i]);
                if (bar != null) {
                    for (int k = 0; k < 6; k++) {
                        fields[k][i] = bar[k];
                    }
                }
            }
            out.put(e.getKey(), new Symbol(e.getKey(), dates, fields[0], fields[1], fields[2], fields[3], fields[4],
                fields[5]));
        }
        return out;
    }

    static BufferedReader reader(String resource) {
        InputStream in = BarsFixture.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
