package io.quantmini.bronze;

import io.quantmini.config.ConfigException;
import io.quantmini.config.YamlSyntax;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Interprets a dataset schema YAML file. Every key is checked, unknown keys included (a typo must not
 * silently switch a rule off), and each error names the file and the key path at fault,
 * e.g. {@code config/datasets/x.yaml: columns[3] ('size').type: unknown type 'decimal'}.
 */
final class SchemaFile {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Whether {@code name} can be a dataset's: it names lake folders and its schema file. */
    static boolean isDatasetName(String name) {
        return NAME.matcher(name).matches();
    }
    private static final Set<String> TOP_KEYS = Set.of("dataset", "schema_version", "records", "columns", "key",
            "rules", "records_every_trading_day", "split_adjusted", "ticker_bars", "keeps_day_columns");
    private static final Set<String> COLUMN_KEYS = Set.of("name", "field", "from", "type", "required", "default",
            "empty");
    /** The values of a column's {@code empty:}: what an empty or blank string in its field is. */
    private static final String EMPTY_IS_VALUE = "value";
    private static final String EMPTY_IS_ABSENT = "absent";
    private static final List<String> RULES = List.of("positive", "non_negative", Float32FiniteRule.NAME,
            "ohlc_consistent", "unique_key", "in_request_window", "expect_in_request_window");
    /**
     * The {@code from:} sources a column may name instead of a {@code field:}, in the order error messages list them.
     */
    private static final Map<String, ColumnSpec.Source> FROM = sources();

    private static Map<String, ColumnSpec.Source> sources() {
        Map<String, ColumnSpec.Source> sources = new java.util.LinkedHashMap<>();
        sources.put("request_date", ColumnSpec.Source.REQUEST_DATE);
        sources.put("request_ticker", ColumnSpec.Source.REQUEST_TICKER);
        sources.put("timestamp_date", ColumnSpec.Source.TIMESTAMP_DATE);
        return java.util.Collections.unmodifiableMap(sources);
    }

    private final Path file;
    private final List<ColumnSpec> columns = new ArrayList<>();
    private final Map<String, Integer> columnIndex = new HashMap<>();

    private SchemaFile(Path file) {
        this.file = file;
    }

    static DatasetSchema parse(Path file) {
        return new SchemaFile(file).parse();
    }

    /** An optional true/false key; false when absent. */
    private boolean flag(JsonNode root, String key) {
        JsonNode node = root.get(key);
        if (node != null && !node.isBoolean()) {
            throw error(key, "expected true or false, got " + node);
        }
        return node != null && node.booleanValue();
    }

    private DatasetSchema parse() {
        JsonNode root = readYaml();
        if (!root.isObject()) {
            throw error("(top)", "expected a mapping with keys " + TOP_KEYS);
        }
        checkKeys(root, "", TOP_KEYS);
        String name = requireText(root, "dataset", "dataset");
        if (!NAME.matcher(name).matches()) {
            throw error("dataset", "'" + name + "' must match " + NAME + " (it names lake folders)");
        }
        String fileName = file.getFileName().toString();
        String expected = fileName.endsWith(".yaml") ? fileName.substring(0, fileName.length() - ".yaml".length())
                : fileName;
        if (!name.equals(expected)) {
            // The file is found by the dataset's name and the lake folders are named by this key: a copy of another
            // schema that kept its dataset key would write into that dataset's bronze.
            throw error("dataset", "'" + name + "' differs from the file's name: this file must say dataset: "
                    + expected);
        }
        JsonNode versionNode = require(root, "schema_version", "schema_version");
        if (!versionNode.canConvertToInt() || !versionNode.isIntegralNumber() || versionNode.intValue() < 1) {
            throw error("schema_version", "expected a positive integer, got " + versionNode);
        }
        String records = requireText(root, "records", "records");
        boolean everyTradingDay = flag(root, "records_every_trading_day");
        boolean splitAdjusted = flag(root, "split_adjusted");
        String tickerBars = null;
        if (root.has("ticker_bars")) {
            tickerBars = requireText(root, "ticker_bars", "ticker_bars");
            if (!NAME.matcher(tickerBars).matches()) {
                throw error("ticker_bars", "'" + tickerBars + "' must match " + NAME + " (it names a dataset)");
            }
            if (!splitAdjusted) {
                throw error("ticker_bars", "only a split_adjusted dataset patches days from per-ticker bars");
            }
        }

        JsonNode columnList = require(root, "columns", "columns");
        if (!columnList.isArray() || columnList.isEmpty()) {
            throw error("columns", "expected a non-empty list of columns");
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < columnList.size(); i++) {
            String at = columnAt(columnList.get(i), i);
            ColumnSpec column = column(columnList.get(i), at);
            if (columnIndex.putIfAbsent(column.name(), columns.size()) != null) {
                throw error(at + ".name", "duplicate column '" + column.name() + "'");
            }
            if (column.sourceField() != null) {
                if (fields.containsKey(column.sourceField())) {
                    throw error(at + ".field", "field '" + column.sourceField() + "' already feeds another column");
                }
                requireValueOrObject(column, fields, at);
                fields.put(column.sourceField(), column.name());
            }
            columns.add(column);
        }

        long timestamps = columns.stream().filter(c -> c.type() == ColumnType.TIMESTAMP_MILLIS).count();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).source() == ColumnSpec.Source.TIMESTAMP_DATE && timestamps != 1) {
                throw error(columnAt(columnList.get(i), i) + ".from",
                        "timestamp_date needs exactly one timestamp_millis column, not "
                        + timestamps);
            }
        }
        int[] key = key(root.get("key"));
        List<RowRule> rowRules = new ArrayList<>();
        List<int[]> window = new ArrayList<>(List.of(new int[0], new int[0]));
        boolean uniqueKey = rules(root.get("rules"), key, rowRules, window);
        if (splitAdjusted && !columnIndex.containsKey(DatasetSchema.TICKER)) {
            throw error("split_adjusted", "needs a column named '" + DatasetSchema.TICKER
                    + "' (the split check looks up each day's tickers in it)");
        }
        List<String> keepsDayColumns = keepsDayColumns(root.get("keeps_day_columns"), key);
        return new DatasetSchema(name, versionNode.intValue(), records, columns, key, rowRules, uniqueKey,
                new RequestWindow(window.get(0), window.get(1)), everyTradingDay, splitAdjusted, tickerBars,
                keepsDayColumns, file);
    }

    private JsonNode readYaml() {
        YAMLMapper mapper = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        try {
            JsonNode root = mapper.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw error("(top)", "file is empty");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(file + YamlSyntax.position(file, e) + ": cannot read schema: "
                    + YamlSyntax.problem(e), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read schema: " + e.getMessage(), e);
        }
    }

    /**
     * A field is read as a value or as an object whose fields columns read ({@code publisher.name}), not both: the
     * one column would see an object where it expects its type, or the others an absent parent.
     */
    private void requireValueOrObject(ColumnSpec column, Map<String, String> fields, String at) {
        String field = column.sourceField();
        for (int dot = field.indexOf('.'); dot >= 0; dot = field.indexOf('.', dot + 1)) {
            String object = field.substring(0, dot);
            if (fields.containsKey(object)) {
                throw error(at + ".field", "'" + field + "' is a field inside '" + object + "', which column '"
                        + fields.get(object) + "' reads as a value: take one");
            }
        }
        for (Map.Entry<String, String> other : fields.entrySet()) {
            if (other.getKey().startsWith(field + ".")) {
                throw error(at + ".field", "'" + field + "' is read as a value here, and column '" + other.getValue()
                        + "' reads '" + other.getKey() + "' inside it: take one");
            }
        }
    }

    /** {@code columns[3] ('cash_amount')}: the list index counts from 0, so the name says which one too. */
    private static String columnAt(JsonNode node, int index) {
        JsonNode name = node.get("name");
        return "columns[" + index + "]" + (name != null && name.isTextual() ? " ('" + name.asText() + "')" : "");
    }

    private ColumnSpec column(JsonNode node, String at) {
        if (!node.isObject()) {
            throw error(at, "expected a mapping with keys " + COLUMN_KEYS);
        }
        checkKeys(node, at + ".", COLUMN_KEYS);
        String name = requireText(node, "name", at + ".name");
        if (!NAME.matcher(name).matches()) {
            throw error(at + ".name", "'" + name + "' must match " + NAME);
        }
        String typeName = requireText(node, "type", at + ".type");
        ColumnType type = ColumnType.fromYaml(typeName);
        if (type == null) {
            throw error(at + ".type", "unknown type '" + typeName + "' (expected one of "
                    + ColumnType.yamlNames() + ")");
        }
        boolean hasField = node.has("field");
        boolean hasFrom = node.has("from");
        if (hasField == hasFrom) {
            throw error(at + ".field", "give exactly one of 'field' (the record's JSON field) or 'from' (one of "
                    + String.join(", ", FROM.keySet()) + ")");
        }
        boolean required = optionalBoolean(node, "required", at + ".required");
        if (hasFrom) {
            String from = requireText(node, "from", at + ".from");
            ColumnSpec.Source source = FROM.get(from);
            if (source == null) {
                throw error(at + ".from", "unknown source '" + from + "' (expected one of "
                        + String.join(", ", FROM.keySet()) + ")");
            }
            ColumnType expected = source == ColumnSpec.Source.REQUEST_TICKER ? ColumnType.STRING : ColumnType.DATE;
            if (type != expected) {
                throw error(at + ".type", "a column 'from: " + from + "' must have type " + expected.yamlName());
            }
            if (node.has("default")) {
                throw error(at + ".default", "a column 'from: " + from + "' always has a value");
            }
            if (node.has("empty")) {
                throw error(at + ".empty", "a column 'from: " + from + "' reads no string from the record");
            }
            return new ColumnSpec(name, null, source, type, true, null);
        }
        String field = requireText(node, "field", at + ".field");
        if (Arrays.asList(field.split("\\.", -1)).contains("")) {
            throw error(at + ".field", "'" + field + "': a dot separates an object's name from a field inside it"
                    + " (publisher.name), and neither can be empty");
        }
        Object defaultValue = null;
        if (node.has("default")) {
            if (required) {
                throw error(at + ".default", "a required column cannot have a default");
            }
            defaultValue = typedDefault(node.get("default"), type, at + ".default");
        }
        return new ColumnSpec(name, field, ColumnSpec.Source.FIELD, type, required, defaultValue,
                emptyIsAbsent(node.get("empty"), at + ".empty"));
    }

    /** {@code empty: absent} reads an empty or blank string as no value; {@code empty: value} (the default) not. */
    private boolean emptyIsAbsent(JsonNode value, String at) {
        String text = value == null ? EMPTY_IS_VALUE : value.isTextual() ? value.textValue() : "";
        if (text.equals(EMPTY_IS_ABSENT) || text.equals(EMPTY_IS_VALUE)) {
            return text.equals(EMPTY_IS_ABSENT);
        }
        throw error(at, "expected " + EMPTY_IS_ABSENT + " (an empty or blank string is no value: null, the default,"
                + " or a reject if required) or " + EMPTY_IS_VALUE + " (the default: a string column keeps it, others"
                + " reject it), got " + value);
    }

    private Object typedDefault(JsonNode value, ColumnType type, String at) {
        Object typed = switch (type) {
            case STRING -> value.isTextual() ? value.textValue() : null;
            case DOUBLE -> value.isNumber() ? value.doubleValue() : null;
            case LONG, TIMESTAMP_MILLIS -> value.isIntegralNumber() && value.canConvertToLong()
                    ? value.longValue() : null;
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
            case DATE -> parseDate(value);
            case JSON -> throw error(at, "a json column takes no default: its value is the JSON text of the record's"
                    + " field, and a record without it has none (the column is null there)");
        };
        if (typed == null) {
            throw error(at, "'" + value + "' is not a " + type.yamlName());
        }
        return typed;
    }

    private static Integer parseDate(JsonNode value) {
        try {
            return value.isTextual() ? (int) LocalDate.parse(value.textValue()).toEpochDay() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private int[] key(JsonNode node) {
        if (node == null) {
            return new int[0];
        }
        List<String> names = columnNames(node, "key");
        int[] key = new int[names.size()];
        for (int i = 0; i < key.length; i++) {
            key[i] = column(names.get(i), "key[" + i + "]");
            if (columns.get(key[i]).nullable()) {
                throw error("key[" + i + "]", "key column '" + names.get(i)
                        + "' is nullable; key columns must be required");
            }
        }
        return key;
    }

    /** The columns a patch from these bars leaves as the day had them ({@code keeps_day_columns}): not the key. */
    private List<String> keepsDayColumns(JsonNode node, int[] key) {
        if (node == null) {
            return List.of();
        }
        List<String> names = columnNames(node, "keeps_day_columns");
        for (int i = 0; i < names.size(); i++) {
            int column = column(names.get(i), "keeps_day_columns[" + i + "]");
            if (Arrays.stream(key).anyMatch(k -> k == column)) {
                throw error("keeps_day_columns[" + i + "]", "'" + names.get(i) + "' is a key column: it says which"
                        + " row a bar patches");
            }
        }
        return names;
    }

    /**
     * Builds the row rules; returns whether {@code unique_key} is on. {@code window} gets the columns of
     * {@code in_request_window} (first) and {@code expect_in_request_window} ({@link RequestWindow}).
     */
    private boolean rules(JsonNode node, int[] key, List<RowRule> out, List<int[]> window) {
        if (node == null) {
            return false;
        }
        if (!node.isArray()) {
            throw error("rules", "expected a list of rules");
        }
        boolean uniqueKey = false;
        for (int i = 0; i < node.size(); i++) {
            String at = "rules[" + i + "]";
            JsonNode item = node.get(i);
            String rule;
            JsonNode params = null;
            if (item.isTextual()) {
                rule = item.textValue();
            } else if (item.isObject() && item.size() == 1) {
                rule = item.fieldNames().next();
                params = item.get(rule);
            } else {
                throw error(at, "expected a rule name or a one-key mapping 'rule: [columns]'");
            }
            at = at + "." + rule;
            switch (rule) {
                case "positive" -> out.add(NumericBoundRule.positive(numericColumns(params, at),
                        columnNames(params, at)));
                case "non_negative" -> out.add(NumericBoundRule.nonNegative(numericColumns(params, at),
                        columnNames(params, at)));
                case Float32FiniteRule.NAME -> out.add(new Float32FiniteRule(numericColumns(params, at),
                        columnNames(params, at)));
                case "ohlc_consistent" -> {
                    int[] c = numericColumns(params, at);
                    if (c.length != 4) {
                        throw error(at, "expected 4 columns [open, high, low, close], got " + c.length);
                    }
                    out.add(new OhlcConsistentRule(c[0], c[1], c[2], c[3]));
                }
                case "in_request_window" -> window.set(0, datedColumns(params, at));
                case "expect_in_request_window" -> window.set(1, datedColumns(params, at));
                case "unique_key" -> {
                    if (params != null && !params.isNull()) {
                        throw error(at, "takes no parameters (it uses 'key')");
                    }
                    if (key.length == 0) {
                        throw error(at, "needs a 'key' to be declared");
                    }
                    uniqueKey = true;
                }
                default -> throw error("rules[" + i + "]", "unknown rule '" + rule + "' (known: "
                        + String.join(", ", RULES) + ")");
            }
        }
        return uniqueKey;
    }

    private int[] datedColumns(JsonNode params, String at) {
        return typedColumns(params, at, type -> type == ColumnType.DATE || type == ColumnType.TIMESTAMP_MILLIS,
                "date or timestamp_millis");
    }

    private int[] numericColumns(JsonNode params, String at) {
        return typedColumns(params, at, ColumnType::isNumeric, "double or long");
    }

    /** The indexes of a rule's columns, each of a type {@code allowed} accepts ({@code expected} names them). */
    private int[] typedColumns(JsonNode params, String at, java.util.function.Predicate<ColumnType> allowed,
                               String expected) {
        List<String> names = columnNames(params, at);
        int[] result = new int[names.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = column(names.get(i), at + "[" + i + "]");
            ColumnType type = columns.get(result[i]).type();
            if (!allowed.test(type)) {
                throw error(at + "[" + i + "]", "column '" + names.get(i) + "' is " + type.yamlName() + ", not "
                        + expected);
            }
        }
        return result;
    }

    private List<String> columnNames(JsonNode node, String at) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw error(at, "expected a non-empty list of column names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw error(at + "[" + i + "]", "expected a column name, got " + node.get(i));
            }
            names.add(node.get(i).textValue());
        }
        return names;
    }

    private int column(String name, String at) {
        Integer index = columnIndex.get(name);
        if (index == null) {
            throw error(at, "no column named '" + name + "'");
        }
        return index;
    }

    private void checkKeys(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw error(prefix + key, "unknown key (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private JsonNode require(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw error(at, "missing");
        }
        return value;
    }

    private String requireText(JsonNode node, String key, String at) {
        JsonNode value = require(node, key, at);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw error(at, "expected a non-empty string, got " + value);
        }
        return value.textValue();
    }

    private boolean optionalBoolean(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null) {
            return false;
        }
        if (value.getNodeType() != JsonNodeType.BOOLEAN) {
            throw error(at, "expected true or false, got " + value);
        }
        return value.booleanValue();
    }

    private ConfigException error(String key, String problem) {
        return new ConfigException(file + ": " + key + ": " + problem);
    }
}
