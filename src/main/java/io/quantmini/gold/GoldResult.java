package io.quantmini.gold;

/**
 * What one {@link QlibGoldStage#run} did. {@code symbolsWritten}: symbols whose files were written whole
 * (new, rebuilt or rewritten); {@code symbolsAppended}: symbols extended in place; {@code bytesWritten}:
 * bytes of every file written or appended, calendar, instruments and manifest included.
 * {@code mode}: "full", "append", "rewrite" (history changed; may also append new days) or "noop".
 */
public record GoldResult(int symbolsWritten, int symbolsAppended, int calendarDays, long bytesWritten,
                         double seconds, String mode) {

    /** The line the CLI prints, e.g. {@code mode=append symbols written=0 appended=9,900 days=1,261 ...}. */
    public String oneLine() {
        // files of past days were stamped anew (bronze or silver written again) with the values gold already had
        String unchanged = mode.equals("rewrite") && symbolsWritten == 0 && symbolsAppended == 0
                ? " (the changed days' files hold the values gold has: only its records of them were rewritten)" : "";
        return String.format(java.util.Locale.ROOT, "mode=%s symbols written=%,d appended=%,d calendar days=%,d"
                + " bytes written=%,d seconds=%.1f%s", mode, symbolsWritten, symbolsAppended, calendarDays,
                bytesWritten, seconds, unchanged);
    }
}
