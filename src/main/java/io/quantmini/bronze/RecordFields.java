package io.quantmini.bronze;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which column a record's field feeds, for a record's own fields and for those inside its objects
 * ({@code field: publisher.name}). A lookup answers with a code: a column's index, {@link #UNUSED}, or for an object
 * that holds fields the schema reads, a code below {@link #UNUSED} ({@link #isObject}) naming that object, whose fields
 * are looked up with {@link #inside}. A flat schema's lookup is its one map of top-level names, as before nesting.
 */
final class RecordFields {

    /** The code of a field no column reads. */
    static final int UNUSED = -1;

    private final Map<String, Integer> top = new HashMap<>();
    /** Per object: the codes of its fields; its path ({@code publisher}); the fields read inside it. */
    private final List<Map<String, Integer>> inside = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final List<List<String>> readInside = new ArrayList<>();

    RecordFields(List<ColumnSpec> columns) {
        for (int c = 0; c < columns.size(); c++) {
            String field = columns.get(c).sourceField();
            if (field == null) {
                continue;
            }
            String[] names = field.split("\\.", -1);
            Map<String, Integer> codes = top;
            for (int depth = 0; depth < names.length - 1; depth++) {
                int object = object(objectCode(codes, names[depth], String.join(".", List.of(names).subList(0,
                        depth + 1))));
                readInside.get(object).add(field);
                codes = inside.get(object);
            }
            codes.put(names[names.length - 1], c);
        }
    }

    /** The code of the object {@code name} in {@code codes}, added (at {@code path}) if new. */
    private int objectCode(Map<String, Integer> codes, String name, String path) {
        Integer code = codes.get(name);
        if (code != null && isObject(code)) {
            return code;
        }
        // (a column reading the object itself as a value is refused with the schema: SchemaFile)
        int object = inside.size();
        inside.add(new HashMap<>());
        paths.add(path);
        readInside.add(new ArrayList<>());
        codes.put(name, UNUSED - 1 - object);
        return UNUSED - 1 - object;
    }

    /** The code of a record's own field {@code name}. */
    int top(String name) {
        return top.getOrDefault(name, UNUSED);
    }

    /** The code of the field {@code name} inside the object numbered {@code object}. */
    int inside(int object, String name) {
        return inside.get(object).getOrDefault(name, UNUSED);
    }

    /** Whether a code names an object holding fields the schema reads. */
    static boolean isObject(int code) {
        return code < UNUSED;
    }

    /** The number of the object a code {@link #isObject} names. */
    static int object(int code) {
        return UNUSED - 1 - code;
    }

    /** How many objects hold fields the schema reads. */
    int objects() {
        return inside.size();
    }

    /** The object's path in the record: {@code publisher}, {@code a.b}. */
    String path(int object) {
        return paths.get(object);
    }

    /** The fields read inside the object, as the schema names them: {@code publisher.name, publisher.logo_url}. */
    String readInside(int object) {
        return String.join(", ", readInside.get(object));
    }
}
