package io.quantmini.silver;

import io.quantmini.lake.AtomicFiles;
import io.quantmini.silver.alpha158.Alpha158;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Which revision of the feature values a dataset's silver files hold: {@code silver/<dataset>/_revision}, naming the
 * silver layout ({@link SilverStage#WRITER_VERSION}) and the Alpha158 values ({@link Alpha158#REVISION}) they were
 * written with. Silver files from another revision, or from before the file existed, are behind: the next silver run
 * computes every day again, so that a dataset never mixes two revisions' values and an upgrade's fixes reach every
 * day without a {@code --full} the operator would have to know about.
 *
 * <p>The file is written once a run has left every day at the current revision: a run killed before leaves the lake
 * behind, and the next run starts over.
 */
final class FeatureRevision {

    static final String FILE = "_revision";
    static final String CURRENT = "silver " + SilverStage.WRITER_VERSION + ", alpha158 " + Alpha158.REVISION;

    private final Path file;
    private final String recorded;

    private FeatureRevision(Path file, String recorded) {
        this.file = file;
        this.recorded = recorded;
    }

    /** What {@code silverDataset} records, read once. */
    static FeatureRevision of(Path silverDataset) throws IOException {
        Path file = silverDataset.resolve(FILE);
        try {
            return new FeatureRevision(file, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return new FeatureRevision(file, null);
        } catch (IOException e) {
            throw io.quantmini.lake.NamedIOException.of(file, e);
        }
    }

    /** Whether the files hold the current revision's values, as far as this file says. */
    boolean current() {
        return CURRENT.equals(recorded);
    }

    /** What the silver files were written with, as the file words it ("an earlier revision" without one). */
    String recorded() {
        return recorded == null ? "an earlier revision" : "\"" + recorded + "\"";
    }

    /** Records that every silver file of the dataset holds the current revision's values. */
    void recordCurrent() throws IOException {
        if (!current()) {
            AtomicFiles.write(file, (CURRENT + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
