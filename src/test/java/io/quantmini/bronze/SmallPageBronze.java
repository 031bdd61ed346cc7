package io.quantmini.bronze;

import io.quantmini.landing.LandingPage;
import org.apache.parquet.column.ParquetProperties;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** For other packages' tests: a bronze day file as the lake writes it, but with pages of at most a few rows. */
public final class SmallPageBronze {

    private SmallPageBronze() {
    }

    /** Decodes a grouped-daily body and writes its valid rows, in bronze order, as {@code file}. */
    public static void write(Path file, LocalDate date, byte[] groupedDaily, int pageRows) throws IOException {
        DatasetSchema schema = TestDays.schema();
        DayDecoding day = new DayDecoding(schema, date);
        day.decode(new LandingPage("small-pages", Path.of("small-pages.json"), groupedDaily));
        int[] order = new DayValidator(schema).validate(day.rows(), new ArrayList<>(), List.of("small-pages.json"));
        ParquetProperties small = ParquetProperties.builder().withDictionaryEncoding(false)
                .withPageRowCountLimit(pageRows).build();
        ParquetDayFile.write(file, schema, day.rows(), order, Map.of(), small);
    }
}
