package io.quantmini.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.quantmini.text.ClassNamePrefix;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML file's syntax error in one line, for the operator who edits it: {@code line 14, column 4: while parsing a
 * block collection, expected <block end>, but found '<block mapping start>'}. The parser's own message spans several
 * lines and quotes the text around each position it names; the last position is where it found the problem
 * (Jackson's own location is the end of the token before it). A file not saved as UTF-8 is said in plain words, at
 * its first byte that is not UTF-8, not in the parser's words (a byte's number in its buffer) at the parser's position
 * (where its read-ahead stopped, often lines before that byte).
 */
public final class YamlSyntax {

    private static final Pattern MARK = Pattern.compile("in 'reader', line (\\d+), column (\\d+)");

    private YamlSyntax() {
    }

    private static final String NOT_UTF8 = "not UTF-8 text (a byte that is not UTF-8, such as a Latin-1"
            + " accent): save it as UTF-8";

    /**
     * Where the parser found the problem in {@code file}, e.g. {@code " line 5, column 8"} (with its leading space);
     * empty if unknown.
     */
    public static String position(Path file, JsonProcessingException e) {
        if (notUtf8(said(e))) {
            return firstByteNotUtf8(file);
        }
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
        String what = said(e);
        return notUtf8(what) ? NOT_UTF8 : ClassNamePrefix.strip(what);
    }

    /** The parser's message without the positions it names and the file's text it quotes. */
    private static String said(JsonProcessingException e) {
        StringBuilder said = new StringBuilder();
        for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
            String text = line.strip();
            if (!text.isEmpty() && !MARK.matcher(text).find() && !text.startsWith("^") && !line.startsWith("    ")) {
                said.append(said.length() == 0 ? "" : ", ").append(text); // not a position, nor the file's text quoted
            }
        }
        return said.length() > 0 ? said.toString() : String.valueOf(e.getOriginalMessage()).strip();
    }

    /** The parser failed on a byte that is not UTF-8: it says so by the Java exception it wraps. */
    private static boolean notUtf8(String said) {
        return "CharConversionException".equals(ClassNamePrefix.simpleName(said));
    }

    /** Where the file's first byte that is not UTF-8 is, e.g. {@code " line 29, column 7"}; empty if not found. */
    static String firstByteNotUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException unreadable) {
            return "";
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (!StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length), true).isError()) {
            return "";
        }
        int at = in.position(); // the decoder stops at the first malformed byte
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
        return " line " + line + ", column " + (before.codePointCount(0, before.length()) + 1);
    }
}
