package io.quantmini.bronze;

/**
 * The schema rules on which days a record may be dated: the days of the session a request asked for, from the day
 * after the previous session ({@code {since}}) to the session's own ({@code {date}}), whether or not its query names
 * {@code {since}} (a grouped answer's bars stamped on the weekend before its Monday belong to no other session). A date
 * column's value, or a timestamp_millis column's New York date, must fall in them.
 * <ul>
 *   <li>{@code in_request_window: [columns]}: a record outside is rejected. Splits: an answer that ignored its
 *       {@code execution_date} filter would file other sessions' splits under this one.
 *   <li>{@code expect_in_request_window: [columns]}: a record outside is kept, and the day warns. Grouped bars carry
 *       no date of their own (the day asked for is theirs), but a timestamp on another day says the answer may be
 *       another day's.
 * </ul>
 *
 * @param reject the columns of {@code in_request_window}
 * @param expect the columns of {@code expect_in_request_window}
 */
record RequestWindow(int[] reject, int[] expect) {

    static final RequestWindow NONE = new RequestWindow(new int[0], new int[0]);

    RequestWindow {
        reject = reject.clone();
        expect = expect.clone();
    }
}
