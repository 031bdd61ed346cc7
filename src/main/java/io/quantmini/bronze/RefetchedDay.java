package io.quantmini.bronze;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A day of a dataset of a few records a day (a split, a dividend) fetched again, compared with the file it replaces.
 * For such a dataset each record matters, and the schedule asks for recent splits again on every run, so:
 * <ul>
 *   <li>records the new answer lacks, or now rejects, leave bronze with a WARN naming them, and are remembered as
 *       withdrawn ({@link #META_WITHDRAWN}) from this answer's time on. One answer may be a glitch: a record missing
 *       from it and back in the next is not new. A second answer that lacks it too confirms the withdrawal (a
 *       withdrawn split: bars fetched while Polygon adjusted for it are on a basis it no longer uses; SplitBasis),
 *       and a record back after that counts as new;</li>
 *   <li>records it adds, or whose required fields changed (a corrected ratio), get this answer's time in
 *       {@link #META_FIRST_SEEN}: a split reported late, or corrected, and bars fetched before then are on the old
 *       basis (SplitBasis);</li>
 *   <li>records both hold keep the time recorded for them. Records of a day's first fetch get none.</li>
 * </ul>
 * Both footer entries are JSON arrays of {@link Entry}, each naming its record by its key columns and values, so that
 * a reader needs no schema to match them to rows.
 */
final class RefetchedDay {

    private static final Logger LOG = LoggerFactory.getLogger(RefetchedDay.class);
    /** Fields a later build adds to an entry are skipped: a day file it wrote stays readable here. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Records a fetch of the day gained or changed, with when: {@code [{"key": {...}, "at": instant}, ...]}. */
    static final String META_FIRST_SEEN = "quantmini.first_seen";
    /**
     * Records an answer lacked: {@code [{"key": {...}, "at": instant or null, "values": {...}, "withdrawn_at": instant,
     * "confirmed_at": instant}, ...]}; {@code confirmed_at} once a later answer lacked them too. Files written before
     * the last two existed have neither ({@link #withdrawnEntries}).
     */
    static final String META_WITHDRAWN = "quantmini.withdrawn";
    /** Keys a warning names; it says how many more there are. */
    private static final int KEYS_NAMED = 5;

    /**
     * One record of a footer entry: its key, when it was first seen (null: on time) and, if withdrawn, its values, the
     * time of the first answer that lacked it and of the next (null until then).
     */
    record Entry(Map<String, String> key, String at, Map<String, String> values,
                 @JsonProperty("withdrawn_at") @JsonInclude(JsonInclude.Include.NON_NULL) String withdrawnAt,
                 @JsonProperty("confirmed_at") @JsonInclude(JsonInclude.Include.NON_NULL) String confirmedAt) {

        /** Withdrawn, and withdrawn again by a later answer. */
        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    /** A record as the comparison sees it: key and required fields as text, as {@link DayRows#format} writes them. */
    private record Seen(Map<String, String> key, Map<String, String> values) {
    }

    private RefetchedDay() {
    }

    /**
     * The footer entries the new file of {@code date} carries, comparing the answer's rows ({@code kept} written, the
     * others rejected) with {@code parquet}, the file it replaces; none on a day's first fetch. A replaced file that
     * cannot be read is said in a WARN and compared with nothing.
     *
     * @param clock when an answer of no known arrival time ({@code receivedAt} null) counts as received
     */
    static Map<String, String> compare(DatasetSchema schema, Path parquet, LocalDate date, DayRows rows, int[] kept,
                                       String receivedAt, Clock clock) {
        if (!Files.exists(parquet)) {
            return Map.of();
        }
        Former former;
        try {
            former = Former.read(schema, parquet);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} {}: cannot read {} to compare with the new answer that replaces it: {}", schema.name(), date,
                    parquet, e.getMessage());
            return Map.of();
        }
        Seen[] answer = new Seen[rows.size()];
        Set<Map<String, String>> reported = new HashSet<>();
        for (int row = 0; row < rows.size(); row++) {
            answer[row] = seen(schema, rows, row);
            reported.add(answer[row].key());
        }
        List<Entry> firstSeen = new ArrayList<>();
        Set<Map<String, String>> written = new HashSet<>();
        Set<String> changed = new TreeSet<>();
        for (int row : kept) {
            Seen record = answer[row];
            written.add(record.key());
            String at = firstSeenAt(former, record, receivedAt);
            if (former.values.containsKey(record.key()) && !former.values.get(record.key()).equals(record.values())) {
                changed.add(text(record.key()));
            }
            if (at != null) {
                firstSeen.add(new Entry(record.key(), at, null, null, null));
            }
        }
        // an answer of no known arrival time (a page landed by a benchmark or test) withdraws records as it is written
        String answeredAt = receivedAt != null ? receivedAt : BronzeDayWriter.formatInstant(clock.instant());
        List<Entry> withdrawn = new ArrayList<>();
        Set<String> confirmedNow = new TreeSet<>();
        former.withdrawn.forEach((key, entry) -> {
            if (!written.contains(key)) {
                if (!entry.confirmed()) {
                    confirmedNow.add(text(key));
                }
                withdrawn.add(entry.confirmed() ? entry
                        : new Entry(key, entry.at(), entry.values(), entry.withdrawnAt(), answeredAt));
            }
        });
        Set<String> missing = new TreeSet<>();
        Set<String> rejected = new TreeSet<>();
        former.values.forEach((key, values) -> {
            if (!written.contains(key)) {
                (reported.contains(key) ? rejected : missing).add(text(key));
                withdrawn.add(new Entry(key, former.firstSeen.get(key), values, answeredAt, null));
            }
        });
        warn(schema, date, changed, "changed the required fields of", "; they count as first seen now");
        warn(schema, date, missing, "no longer reports", ", which leave bronze (a second answer without them withdraws"
                + " them)");
        warn(schema, date, rejected, "now rejects (see the day's rejects file)", ", which leave bronze (a second"
                + " answer without them withdraws them)");
        warn(schema, date, confirmedNow, "still does not report (or rejects)",
                "; they count as withdrawn since the first answer without them");
        Map<String, String> footer = new LinkedHashMap<>();
        put(footer, META_FIRST_SEEN, firstSeen);
        put(footer, META_WITHDRAWN, withdrawn);
        return footer;
    }

    /**
     * When a record of the new answer was first seen: its recorded time if the replaced file held it unchanged, or if
     * one answer lacked it and it is back unchanged; this answer's time if it is new, its required fields changed, or
     * it is back after a confirmed withdrawal.
     */
    private static String firstSeenAt(Former former, Seen record, String receivedAt) {
        Map<String, String> held = former.values.get(record.key());
        if (held != null) {
            return held.equals(record.values()) ? former.firstSeen.get(record.key()) : receivedAt;
        }
        Entry withdrawn = former.withdrawn.get(record.key());
        if (withdrawn != null && !withdrawn.confirmed() && record.values().equals(withdrawn.values())) {
            return withdrawn.at();
        }
        return receivedAt;
    }

    /** The replaced file: its records' required fields by key, and its footer entries. */
    private record Former(Map<Map<String, String>, Map<String, String>> values,
                          Map<Map<String, String>, String> firstSeen, Map<Map<String, String>, Entry> withdrawn) {
        static Former read(DatasetSchema schema, Path parquet) throws IOException {
            Map<Map<String, String>, Map<String, String>> values = new HashMap<>();
            for (GenericRecord record : BronzeReader.readAll(parquet)) {
                Seen seen = seen(schema, record);
                values.put(seen.key(), seen.values());
            }
            Map<String, String> footer = BronzeReader.footerMetadata(parquet);
            Map<Map<String, String>, String> firstSeen = new HashMap<>();
            entries(footer, META_FIRST_SEEN).forEach(entry -> firstSeen.put(entry.key(), entry.at()));
            Map<Map<String, String>, Entry> withdrawn = new HashMap<>();
            RefetchedDay.withdrawn(parquet, footer).forEach(entry -> withdrawn.put(entry.key(), entry));
            return new Former(values, firstSeen, withdrawn);
        }
    }

    /**
     * When each record of a day file was first seen, if a fetch of the day gained or changed it ({@link
     * #META_FIRST_SEEN}), by its key columns and values. Unreadable (a hand edit), it is said in a WARN and taken as
     * none: the records then count from their execution date, as before the entry existed.
     */
    static Map<Map<String, String>, Instant> firstSeen(Path dayFile, Map<String, String> footer) {
        Map<Map<String, String>, Instant> seen = new HashMap<>();
        try {
            for (Entry entry : entries(footer, META_FIRST_SEEN)) {
                seen.put(entry.key(), Instant.parse(entry.at()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: footer {} is unreadable ({}); its records count as seen on time", dayFile, META_FIRST_SEEN,
                    e.getMessage());
            return Map.of();
        }
        return seen;
    }

    /** The first-seen time {@link #firstSeen} holds for a record of the file, or null. */
    static Instant firstSeenOf(Map<Map<String, String>, Instant> firstSeen, GenericRecord record) {
        if (firstSeen.isEmpty()) {
            return null;
        }
        Map<String, String> key = new TreeMap<>();
        for (String column : firstSeen.keySet().iterator().next().keySet()) { // one file's entries share their columns
            key.put(column, text(record.get(column)));
        }
        return firstSeen.get(key);
    }

    /**
     * The records a day file remembers as withdrawn ({@link #META_WITHDRAWN}), confirmed or not. An entry that cannot
     * be read (a hand edit: a time that is not an instant, no key or values) is said in a WARN and left out, and so
     * is the whole list if it is not JSON.
     */
    static List<Entry> withdrawn(Path dayFile, Map<String, String> footer) {
        List<Entry> entries;
        try {
            entries = withdrawnEntries(footer, receivedAt(dayFile, footer));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: footer {} is unreadable ({}); no record counts as withdrawn", dayFile, META_WITHDRAWN,
                    e.getMessage());
            return List.of();
        }
        List<Entry> readable = new ArrayList<>();
        for (Entry entry : entries) {
            try {
                if (entry.key() == null || entry.values() == null) {
                    throw new IllegalArgumentException("no key or no values");
                }
                for (String time : new String[] {entry.at(), entry.withdrawnAt(), entry.confirmedAt()}) {
                    if (time != null) {
                        Instant.parse(time);
                    }
                }
                readable.add(entry);
            } catch (RuntimeException e) {
                LOG.warn("{}: footer {} holds an entry that cannot be read ({}): {}; it is left out", dayFile,
                        META_WITHDRAWN, e.getMessage(), entry.key());
            }
        }
        return readable;
    }

    /**
     * A footer's {@link #META_WITHDRAWN} entries. One an older build recorded has no times: it counts as withdrawn,
     * confirmed, by the answer of the file that holds it ({@code receivedAt}), which came at or after the withdrawal.
     */
    private static List<Entry> withdrawnEntries(Map<String, String> footer, String receivedAt) throws IOException {
        List<Entry> withdrawn = new ArrayList<>();
        for (Entry entry : entries(footer, META_WITHDRAWN)) {
            withdrawn.add(entry.withdrawnAt() != null ? entry
                    : new Entry(entry.key(), entry.at(), entry.values(), receivedAt, receivedAt));
        }
        return withdrawn;
    }

    /** When a day file's answer was received: its footer's {@link BronzeDayWriter#META_RECEIVED_AT}, else its time. */
    private static String receivedAt(Path dayFile, Map<String, String> footer) throws IOException {
        String recorded = footer.get(BronzeDayWriter.META_RECEIVED_AT);
        return recorded != null ? recorded
                : BronzeDayWriter.formatInstant(Files.getLastModifiedTime(dayFile).toInstant());
    }

    /** Whether a day file remembers records in its footer: deleting it would forget them. */
    static boolean remembers(Map<String, String> footer) {
        return footer.containsKey(META_FIRST_SEEN) || footer.containsKey(META_WITHDRAWN);
    }

    private static List<Entry> entries(Map<String, String> footer, String name) throws IOException {
        String text = footer.get(name);
        if (text == null) {
            return List.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<List<Entry>>() { });
        } catch (IOException e) {
            throw new IOException("footer " + name + " is not a JSON array of records: " + e.getMessage(), e);
        }
    }

    private static void put(Map<String, String> footer, String name, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            footer.put(name, JSON.writeValueAsString(entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records of strings are always JSON", e);
        }
    }

    private static void warn(DatasetSchema schema, LocalDate date, Set<String> keys, String what, String after) {
        if (!keys.isEmpty()) {
            LOG.warn("{} {}: fetched again, Polygon {} {} record(s) the day held{}: {}{}", schema.name(), date, what,
                    keys.size(), after, keys.stream().limit(KEYS_NAMED).collect(Collectors.joining("; ")),
                    keys.size() > KEYS_NAMED ? "; and " + (keys.size() - KEYS_NAMED) + " more" : "");
        }
    }

    /** {@code ticker=AAA, execution_date=2024-03-15}. */
    private static String text(Map<String, String> key) {
        return key.entrySet().stream().map(column -> column.getKey() + "=" + column.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * A new row's key and required fields; the same text {@link #seen(DatasetSchema, GenericRecord)} gives, strings
     * taken through UTF-8 as Parquet stores them (a lone surrogate reads back as '?').
     */
    private static Seen seen(DatasetSchema schema, DayRows rows, int row) {
        return seen(schema, column -> new String(rows.format(column, row).getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
    }

    private static Seen seen(DatasetSchema schema, GenericRecord record) {
        return seen(schema, column -> text(record.get(schema.columns().get(column).name())));
    }

    private static Seen seen(DatasetSchema schema, java.util.function.IntFunction<String> valueOf) {
        Map<String, String> key = new TreeMap<>();
        for (int column : schema.keyColumnIndexes()) {
            key.put(schema.columns().get(column).name(), valueOf.apply(column));
        }
        Map<String, String> values = new TreeMap<>();
        for (int column = 0; column < schema.columns().size(); column++) {
            if (schema.columns().get(column).required()) {
                values.put(schema.columns().get(column).name(), valueOf.apply(column));
            }
        }
        return new Seen(key, values);
    }

    /** A value as {@link DayRows#format} gives it (a timestamp as epoch milliseconds, a json column as its text). */
    private static String text(Object value) {
        return value instanceof Instant instant ? Long.toString(instant.toEpochMilli()) : BronzeReader.text(value);
    }
}
