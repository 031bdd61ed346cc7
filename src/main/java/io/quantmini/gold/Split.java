package io.quantmini.gold;

import java.time.LocalDate;

/** A split as Polygon reports it: on {@code executionDate}, {@code splitFrom} old shares became {@code splitTo}. */
public record Split(String ticker, LocalDate executionDate, double splitFrom, double splitTo) {
    public Split {
        if (!(splitFrom > 0) || !(splitTo > 0)) {
            throw new IllegalArgumentException("split " + ticker + " " + executionDate + ": from/to must be > 0");
        }
    }

    /** Adjusted / unadjusted price for a day before the split: a 1:4 split gives 0.25. */
    double ratio() {
        return splitFrom / splitTo;
    }
}
