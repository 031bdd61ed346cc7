package io.quantmini.bronze;

/** A record that failed a rule: which rule, why, and where the record is in the input. */
record Reject(SourceRef source, String rule, String message) {
}
