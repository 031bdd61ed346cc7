package io.quantmini.gold;

import java.nio.file.Path;

/** The files of a Qlib provider directory (day frequency), as {@code dump_bin} lays them out. */
final class QlibLayout {

    static final String FREQ = "day";

    private final Path root;

    QlibLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path calendar() {
        return root.resolve("calendars").resolve(FREQ + ".txt");
    }

    Path instruments() {
        return root.resolve("instruments").resolve("all.txt");
    }

    Path featuresRoot() {
        return root.resolve("features");
    }

    /** {@code features/<code_to_fname(code).lower()>/<field>.day.bin}; a '/' in the code nests directories. */
    Path featureFile(String code, String field) {
        return featureDirectory(code).resolve(field + "." + FREQ + ".bin");
    }

    /**
     * {@code features/<code_to_fname(code).lower()>}: the code's field files. A '/' in the code nests directories,
     * so the directory of {@code TEST/WS} is inside that of {@code TEST}.
     */
    Path featureDirectory(String code) {
        Path dir = featuresRoot();
        for (String segment : QlibNames.featureDirectory(code).split("/")) {
            dir = dir.resolve(segment);
        }
        return dir;
    }

    /** The glob of every field file in a code's directory. */
    static String featureFileGlob() {
        return "*." + FREQ + ".bin";
    }

    /** Our record of what gold was built from; Qlib ignores files outside its three folders. */
    Path manifest() {
        return root.resolve("_manifest.json");
    }
}
