package io.quantmini.bronze;

/** A validation rule that looks at one decoded row on its own. */
interface RowRule {

    /** The rule's name as written in the schema file and in reject lines. */
    String name();

    /** Returns null when the row passes, else a human message saying what is wrong. */
    String check(DayRows rows, int row);
}
