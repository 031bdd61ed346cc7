package io.quantmini.bronze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A day of a dataset of a few records a day (a split, a dividend) fetched again, compared with the file it replaces.
 * For such a dataset each record matters, and the schedule asks for recent splits again on every run, so:
 * <ul>
 *   <li>records the new answer lacks, or now rejects, leave bronze with a WARN naming them, and are remembered as
 *       withdrawn ({@link #META_WITHDRAWN}), so that one glitchy answer does not make them new when they come back;</li>
 *   <li>records it adds, or whose values changed (a corrected ratio), get this answer's time in
 *       {@link #META_FIRST_SEEN}: a split reported late, or corrected, and bars fetched before then are on the old
 *       basis (SplitBasis);</li>
 *   <li>records both hold keep the time recorded for them. Records of a day's first fetch get none.</li>
 * </ul>
 */
final class RefetchedDay {

    private static final Logger LOG = LoggerFactory.getLogger(RefetchedDay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** JSON object, record key ({@link #recordKey}) to the instant a fetch of the day first held the record so. */
    static final String META_FIRST_SEEN = "quantmini.first_seen";
    /** JSON object, record key to its first-seen instant or "" : records an earlier answer held and a later lacked. */
    static final String META_WITHDRAWN = "quantmini.withdrawn";
    /** Keys a warning names; it says how many more there are. */
    private static final int KEYS_NAMED = 5;

    private RefetchedDay() {
    }

    /**
     * The footer entries the new file of {@code date} carries ({@link #META_FIRST_SEEN}, {@link #META_WITHDRAWN}),
     * comparing the answer's rows ({@code kept} written, the others rejected) with {@code parquet}, the file it replaces;
     * none on a day's first fetch. A replaced file that cannot be read is said in a WARN and compared with nothing.
     */
    static Map<String, String> compare(DatasetSchema schema, Path parquet, LocalDate date, DayRows rows, int[] kept,
                                       String receivedAt) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (!Files.exists(parquet)) {
            return entries;
        }
        Map<String, String> formerValues = new TreeMap<>();
        Map<String, String> firstSeen;
        Map<String, String> withdrawn;
        try {
            for (GenericRecord former : BronzeReader.readAll(parquet)) {
                formerValues.put(recordKey(schema.key(), former), valuesOf(schema, former));
            }
            Map<String, String> footer = BronzeReader.footerMetadata(parquet);
            firstSeen = instants(footer, META_FIRST_SEEN);
            withdrawn = instants(footer, META_WITHDRAWN);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {}: cannot read {} to compare with the new answer that replaces it: {}", schema.name(), date,
                    parquet, e.getMessage());
            return entries;
        }
        Set<String> reported = new HashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            reported.add(key(schema, rows, row));
        }
        Map<String, String> seen = new TreeMap<>();
        Set<String> changed = new java.util.TreeSet<>();
        Set<String> written = new HashSet<>();
        for (int row : kept) {
            String key = key(schema, rows, row);
            written.add(key);
            String former = formerValues.get(key);
            String since;
            if (former != null && !former.equals(valuesOf(schema, rows, row))) {
                since = receivedAt; // corrected: bars adjusted before now used the old values
                changed.add(key);
            } else if (former != null) {
                since = firstSeen.get(key);
            } else if (withdrawn.containsKey(key)) {
                since = withdrawn.get(key); // back after an answer that lacked it: not new
            } else {
                since = receivedAt;
            }
            if (since != null && !since.isEmpty()) {
                seen.put(key, since);
            }
        }
        Map<String, String> stillWithdrawn = new TreeMap<>(withdrawn);
        stillWithdrawn.keySet().removeAll(written);
        Set<String> missing = new java.util.TreeSet<>();
        Set<String> rejected = new java.util.TreeSet<>();
        for (String key : formerValues.keySet()) {
            if (!written.contains(key)) {
                (reported.contains(key) ? rejected : missing).add(key);
                stillWithdrawn.put(key, firstSeen.getOrDefault(key, ""));
            }
        }
        warn(schema, date, changed, "changed its values for", "; they count as first seen now");
        warn(schema, date, missing, "no longer reports", ", which leave bronze");
        warn(schema, date, rejected, "now rejects (see the day's rejects file)", ", which leave bronze");
        put(entries, META_FIRST_SEEN, seen);
        put(entries, META_WITHDRAWN, stillWithdrawn);
        return entries;
    }

    private static void warn(DatasetSchema schema, LocalDate date, Set<String> keys, String what, String after) {
        if (!keys.isEmpty()) {
            LOG.warn("{} {}: fetched again, Polygon {} {} record(s) the day held{}: {}{}", schema.name(), date, what,
                    keys.size(), after, keys.stream().limit(KEYS_NAMED).collect(Collectors.joining("; ")),
                    keys.size() > KEYS_NAMED ? "; and " + (keys.size() - KEYS_NAMED) + " more" : "");
        }
    }

    private static void put(Map<String, String> entries, String name, Map<String, String> map) {
        if (map.isEmpty()) {
            return;
        }
        try {
            entries.put(name, JSON.writeValueAsString(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** A footer entry of this class as written, key to instant text ("" for none); empty when absent. */
    private static Map<String, String> instants(Map<String, String> footer, String name) throws IOException {
        String text = footer.get(name);
        if (text == null) {
            return new TreeMap<>();
        }
        try {
            Map<String, String> map = JSON.readValue(text, new TypeReference<Map<String, String>>() { });
            map.values().stream().filter(value -> !value.isEmpty()).forEach(Instant::parse);
            return map;
        } catch (IOException | DateTimeParseException e) {
            throw new IOException("footer " + name + " is not a JSON object of record keys to instants: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A day footer's {@link #META_FIRST_SEEN}, by {@link #recordKey}. Unreadable (a hand edit), it is said in a WARN and
     * taken as none: the records then count from their execution date, as before the key existed.
     */
    static Map<String, Instant> firstSeen(Path dayFile, Map<String, String> footer) {
        Map<String, Instant> seen = new TreeMap<>();
        try {
            instants(footer, META_FIRST_SEEN).forEach((key, instant) -> {
                if (!instant.isEmpty()) {
                    seen.put(key, Instant.parse(instant));
                }
            });
        } catch (IOException e) {
            LOG.warn("{}: {}; its records count as seen on time", dayFile, e.getMessage());
        }
        return seen;
    }

    /**
     * A record's key as text, {@code ticker=AAA, execution_date=2024-03-15}, from a record of a bronze file (a timestamp
     * as epoch milliseconds, as the rows being written give it).
     */
    static String recordKey(List<String> keyColumns, GenericRecord record) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            key.append(i == 0 ? "" : ", ").append(keyColumns.get(i)).append('=').append(text(record.get(keyColumns.get(i))));
        }
        return key.toString();
    }

    private static String key(DatasetSchema schema, DayRows rows, int row) {
        int[] columns = schema.keyColumnIndexes();
        List<String> names = schema.key();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            key.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(rows.format(columns[i], row));
        }
        return key.toString();
    }

    /** Every column's value of a record, as text: what "its values changed" compares. */
    private static String valuesOf(DatasetSchema schema, GenericRecord record) {
        return schema.columns().stream().map(column -> text(record.get(column.name())))
                .collect(Collectors.joining("\u0000"));
    }

    private static String valuesOf(DatasetSchema schema, DayRows rows, int row) {
        StringBuilder values = new StringBuilder();
        for (int col = 0; col < schema.columns().size(); col++) {
            values.append(col == 0 ? "" : "\u0000").append(rows.format(col, row));
        }
        return values.toString();
    }

    /** A value as {@link DayRows#format} gives it. */
    private static String text(Object value) {
        return value == null ? "null" : value instanceof Instant instant ? Long.toString(instant.toEpochMilli())
                : value.toString();
    }
}
