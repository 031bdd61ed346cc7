package io.quantmini.replay;

import java.time.LocalDate;

/** A stock split as Polygon reports it: {@code splitFrom} old shares became {@code splitTo} new ones. */
record SplitEvent(String ticker, LocalDate executionDate, int splitFrom, int splitTo) {
}
