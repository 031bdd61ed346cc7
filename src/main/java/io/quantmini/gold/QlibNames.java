package io.quantmini.gold;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Qlib's names for a market symbol, following {@code qlib.utils.code_to_fname} and the feature reader.
 *
 * <ul>
 *   <li>The <b>code</b> (the instrument in {@code all.txt}) is the ticker upper-cased, as {@code dump_bin}
 *       writes it: {@code BRK.A}, {@code O:SPY...}, {@code TEST/WS}.</li>
 *   <li>The <b>feature directory</b> is {@code code_to_fname(code).lower()}: a Windows device name
 *       (CON PRN AUX NUL COM0-9 LPT0-9, whole name only) gets the prefix {@code _qlib_}; everything else
 *       is kept. {@code CON -> _qlib_con}, {@code COM10 -> com10}, {@code BRK.A -> brk.a}.</li>
 *   <li>A {@code /} is not escaped by Qlib: the reader joins {@code features/} with
 *       {@code "test/ws/close.day.bin"}, i.e. it looks in the nested directory {@code features/test/ws/}.
 *       {@code dump_bin} can never produce that (its codes are file stems); we write exactly the nested
 *       directory the unmodified reader resolves, so {@code TEST/WS} round-trips.</li>
 * </ul>
 * Codes Qlib cannot represent are refused by {@link #representable}: empty, containing tab, CR, LF or
 * NUL ({@code all.txt} is tab-separated lines), a {@code /}-segment that is empty, {@code .} or
 * {@code ..} (it would leave or alias the features folder), one too long for a file name, or one that Qlib's reader of
 * {@code all.txt} (pandas' {@code read_csv}, with its default missing-value strings) reads as a missing value:
 * {@code NA} (a real Nasdaq ticker), {@code NULL}, {@code N/A}, ...; one starting with {@code "} (pandas reads it as
 * a quoted field running to the end of the file, and the whole list fails); a nested segment that is a field file's
 * name ({@code IBM/OPEN.DAY.BIN} would be a folder where {@code IBM}'s {@code open.day.bin} is); and
 * {@code _QLIB_CON} and the like, whose folder is that of {@code CON} ({@code _qlib_con}): Qlib cannot tell them
 * apart.
 */
public final class QlibNames {

    static final String RESERVED_PREFIX = "_qlib_";
    private static final String RESERVED_PREFIX_UPPER = RESERVED_PREFIX.toUpperCase(Locale.ROOT);
    /**
     * The longest file name common file systems take (ext4, APFS, NTFS: 255); a longer ticker stopped every gold run.
     */
    private static final int MAX_NAME_BYTES = 255;
    /**
     * A code's whole length, nested folders included: well under PATH_MAX (4096) with the lake's own path before it.
     */
    private static final int MAX_CODE_BYTES = 1024;
    private static final Set<String> RESERVED = reserved();
    /** How a field's file name ends ({@code close.day.bin}). */
    private static final String FIELD_FILE_SUFFIX = ".day.bin";
    /**
     * pandas' default missing-value strings that an upper-cased code can be ({@code NaN}, {@code nan}, {@code null},
     * {@code None} cannot): Qlib's {@code read_csv} of {@code all.txt} turns these instrument names into NaN.
     */
    private static final Set<String> READ_AS_MISSING = Set.of("NA", "NULL", "N/A", "#N/A", "#N/A N/A", "#NA", "<NA>",
            "1.#IND", "-1.#IND", "1.#QNAN", "-1.#QNAN");

    private QlibNames() {
    }

    public static String code(String ticker) {
        return ticker.toUpperCase(Locale.ROOT);
    }

    /** {@code code_to_fname(code).lower()}; may contain {@code /} (nested directories). */
    public static String featureDirectory(String code) {
        String fname = RESERVED.contains(code.toUpperCase(Locale.ROOT)) ? RESERVED_PREFIX + code : code;
        return fname.toLowerCase(Locale.ROOT);
    }

    public static boolean representable(String code) {
        if (code.isEmpty() || code.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CODE_BYTES
                || READ_AS_MISSING.contains(code) || code.startsWith("\"") || escapedLikeAReservedName(code)) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= code.length(); i++) {
            char c = i < code.length() ? code.charAt(i) : '/';
            if (c == '\t' || c == '\n' || c == '\r' || c == '\0') {
                return false;
            }
            if (c == '/') { // a path segment ends: none may be empty, "." or "..", or longer than a file name can be
                String segment = code.substring(segmentStart, i);
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")
                        || (RESERVED_PREFIX + segment).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES
                        || segmentStart > 0 && segment.toLowerCase(Locale.ROOT).endsWith(FIELD_FILE_SUFFIX)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    /**
     * {@code _QLIB_CON}: the folder Qlib gives {@code CON}. Called for every bar gold reads: only a code that starts
     * with {@code _} is upper-cased to be compared.
     */
    private static boolean escapedLikeAReservedName(String code) {
        if (code.isEmpty() || code.charAt(0) != '_') {
            return false;
        }
        String upper = code.toUpperCase(Locale.ROOT);
        return upper.startsWith(RESERVED_PREFIX_UPPER) && RESERVED.contains(upper.substring(RESERVED_PREFIX.length()));
    }

    private static Set<String> reserved() {
        java.util.HashSet<String> names = new java.util.HashSet<>(Set.of("CON", "PRN", "AUX", "NUL"));
        for (int i = 0; i < 10; i++) {
            names.add("COM" + i);
            names.add("LPT" + i);
        }
        return Set.copyOf(names);
    }
}
