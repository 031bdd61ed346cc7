package io.quantmini.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quantmini.text.ClassNamePrefix;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML file's syntax error in one line, for the operator who edits it: {@code line 14, column 4: while parsing a
 * block collection, expected <block end>, but found '<block mapping start>'}. The parser's own message spans several
 * lines and quotes the text around each position it names; the last position is where it found the problem
 * (Jackson's own location is the end of the token before it). A file that is not UTF-8 is said in words, not as the
 * Java exception the parser wraps.
 */
public final class YamlSyntax {

    private static final Pattern MARK = Pattern.compile("in 'reader', line (\\d+), column (\\d+)");

    private YamlSyntax() {
    }

    /** Where the parser found the problem, e.g. {@code " line 5, column 8"} (with its leading space); empty if unknown. */
    public static String position(JsonProcessingException e) {
        String where = "";
        for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
            Matcher mark = MARK.matcher(line.strip());
            if (mark.find()) {
                where = " line " + mark.group(1) + ", column " + mark.group(2);
            }
        }
        JsonLocation at = e.getLocation();
        if (where.isEmpty() && at != null && at.getLineNr() > 0) {
            where = " line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return where;
    }

    /** What the parser found, e.g. {@code while parsing a block collection, expected <block end>, but found ...}. */
    public static String problem(JsonProcessingException e) {
        StringBuilder said = new StringBuilder();
        for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
            String text = line.strip();
            if (!text.isEmpty() && !MARK.matcher(text).find() && !text.startsWith("^") && !line.startsWith("    ")) {
                said.append(said.length() == 0 ? "" : ", ").append(text); // not a position, nor the file's text quoted
            }
        }
        String what = said.length() > 0 ? said.toString() : String.valueOf(e.getOriginalMessage()).strip();
        String wrapped = ClassNamePrefix.simpleName(what);
        if (wrapped == null) {
            return what;
        }
        String rest = ClassNamePrefix.strip(what);
        return wrapped.equals("CharConversionException") ? "not UTF-8 text (" + rest + "); save it as UTF-8" : rest;
    }
}
