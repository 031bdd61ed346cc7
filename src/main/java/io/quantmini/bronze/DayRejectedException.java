package io.quantmini.bronze;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A day whose response held records and every one of them failed a rule, for a dataset of market-wide bars, or all
 * for lack of a required field, or over a bronze file that has rows (or remembers records: {@link
 * RefetchedDay}). That is a schema that does not fit the data (a required field the endpoint does not
 * send, a rule too strict) far more often than a day of bad data, so the day fails and nothing of the lake changes:
 * replacing its bronze file by none would lose the rows an earlier run wrote. The landing pages keep the records;
 * the message says which rules failed and how often.
 */
public final class DayRejectedException extends RuntimeException {

    private final transient LocalDate date;

    DayRejectedException(DatasetSchema schema, LocalDate date, List<Reject> rejects) {
        super(describe(schema, rejects));
        this.date = date;
    }

    /** The day that was not written. */
    public LocalDate date() {
        return date;
    }

    private static String describe(DatasetSchema schema, List<Reject> rejects) {
        return allRejected(rejects) + ", so the day was not written and the lake keeps what it had for it; check the"
                + " rules of " + schema.source();
    }

    /** {@code all N records rejected (rule=count, ...; the first: message)}. */
    static String allRejected(List<Reject> rejects) {
        Map<String, Integer> byRule = new TreeMap<>();
        for (Reject reject : rejects) {
            byRule.merge(reject.rule(), 1, Integer::sum);
        }
        String counts = byRule.toString().replace("{", "").replace("}", "");
        return (rejects.size() == 1 ? "the only record" : "all " + rejects.size() + " records") + " rejected (" + counts
                + "; the first: " + rejects.get(0).message() + ")";
    }
}
