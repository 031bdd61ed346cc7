package io.quantmini.ingest;

import io.quantmini.LogCapture;
import io.quantmini.ingest.BronzeStage;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A misspelled field: in a schema makes its column null in every row: said once per run, not once per day. */
class AbsentFieldWarningTest {

    @TempDir
    Path temp;

    @Test
    void aFieldNoRecordHasIsWarnedOfOncePerRun() throws Exception {
        Path config = TestApp.copyOfConfig(temp.resolve("config"));
        Path schema = config.resolve("datasets/stocks_daily.yaml");
        Files.writeString(schema, Files.readString(schema).replace("field: vw,", "field: vww,"));
        LocalDate first = LocalDate.of(2024, 1, 2);
        LocalDate last = LocalDate.of(2024, 1, 5);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(120, first, last, 3), TestApp.calendar());
        List<String> warnings = LogCapture.messages(BronzeStage.class, () -> {
            try (ReplayServer server = ReplayServer.start(market, 0)) {
                IngestRun run = TestApp.ingest(TestApp.config(config, temp.resolve("lake"), server.baseUrl(),
                        Map.of()), new IngestRequest("stocks_daily", first, last, false));
                assertFalse(run.failed(), run.failureSummary());
                assertEquals(4, run.written().size());
            }
        }).stream().filter(line -> line.contains("no record has the field")).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("no record has the field 'vww', so column vwap is null in every row"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains(schema.toString()), warnings.get(0));
    }
}
