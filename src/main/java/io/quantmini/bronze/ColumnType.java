package io.quantmini.bronze;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The value types a dataset schema may give a bronze column, by their YAML names. */
public enum ColumnType {
    STRING("string"),
    DOUBLE("double"),
    LONG("long"),
    BOOLEAN("boolean"),
    /** Days since 1970-01-01, written as Parquet DATE. */
    DATE("date"),
    /** Epoch milliseconds, written as Parquet TIMESTAMP(MILLIS, UTC). */
    TIMESTAMP_MILLIS("timestamp_millis"),
    /**
     * The field's value as the JSON text the answer holds for it, byte for byte (an array, an object, a string with its
     * quotes, a number as written), written as Parquet BINARY with the JSON logical type; held as a string.
     */
    JSON("json");

    private final String yamlName;

    ColumnType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public boolean isNumeric() {
        return this == DOUBLE || this == LONG;
    }

    /** Returns null for an unknown name. */
    static ColumnType fromYaml(String name) {
        for (ColumnType type : values()) {
            if (type.yamlName.equals(name)) {
                return type;
            }
        }
        return null;
    }

    static String yamlNames() {
        return Arrays.stream(values()).map(ColumnType::yamlName).collect(Collectors.joining(", "));
    }
}
