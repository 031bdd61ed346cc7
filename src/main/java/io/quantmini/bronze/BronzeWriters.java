package io.quantmini.bronze;

import io.quantmini.config.ConfigException;
import io.quantmini.lake.LakeLayout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link BronzeDayWriter} per dataset, each with the schema of {@code config/datasets/<dataset>.yaml}, read once
 * per dataset: an edit takes a restart.
 */
public final class BronzeWriters {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BronzeWriters.class);

    private final LakeLayout lake;
    private final Path datasetsDir;
    private final Clock clock;
    private final Map<String, BronzeDayWriter> writers = new ConcurrentHashMap<>();

    public BronzeWriters(LakeLayout lake, Path datasetsDir, Clock clock) {
        this.lake = lake;
        this.datasetsDir = datasetsDir;
        this.clock = clock;
    }

    /**
     * Reads every schema in the datasets folder now, so that a bad one stops start-up (naming its file and key)
     * instead of the first run that needs it.
     */
    public void loadAllSchemas() {
        if (!Files.isDirectory(datasetsDir)) {
            return; // a run names the missing schema of its dataset
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(datasetsDir, "*.yaml")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String dataset = name.substring(0, name.length() - ".yaml".length());
                if (name.startsWith(".")) {
                    continue; // an editor's lock or swap file
                }
                if (!SchemaFile.isDatasetName(dataset)) {
                    LOG.warn("{}: ignored, '{}' cannot be a dataset's name (a backup copy?)", file, dataset);
                    continue;
                }
                writer(dataset);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot list the dataset schemas in " + datasetsDir + ": " + e.getMessage(), e);
        }
        for (BronzeDayWriter writer : List.copyOf(writers.values())) {
            DatasetSchema schema = writer.schema();
            if (schema.tickerBars() != null) { // its rows patch this dataset's days
                String differ = schema.columnsDifferFrom(writer(schema.tickerBars()).schema());
                if (differ != null) {
                    throw new ConfigException(schema.source() + ": ticker_bars: " + differ);
                }
            }
        }
    }

    public BronzeDayWriter writer(String dataset) {
        return writers.computeIfAbsent(dataset,
                name -> new BronzeDayWriter(lake, DatasetSchema.load(datasetsDir.resolve(name + ".yaml")), clock));
    }
}
