package io.quantmini.gold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantmini.ingest.IngestRequest;
import io.quantmini.ingest.TestApp;
import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Polygon's splits, ingested as their own dataset, become Qlib's $factor in gold. */
class SplitsToGoldTest {

    @TempDir
    Path lake;

    @Test
    void factorComesFromTheIngestedSplits() throws Exception {
        LocalDate start = LocalDate.of(2024, 1, 2);
        LocalDate end = LocalDate.of(2024, 12, 31);
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(60, start, end, 3), TestApp.calendar());
        JsonNode split = new ObjectMapper()
                .readTree(market.respond("/v3/reference/splits", Map.of(), "http://x").body())
                .get("results").get(0);
        String ticker = split.get("ticker").asText();
        LocalDate executed = LocalDate.parse(split.get("execution_date").asText());
        double ratio = split.get("split_from").asDouble() / split.get("split_to").asDouble();
        LocalDate from = executed.minusDays(14);
        LocalDate to = executed.plusDays(14);
        try (ReplayServer server = ReplayServer.start(market, 0)) {
            for (String dataset : new String[]{"splits", "stocks_daily"}) {
                assertFalse(TestApp.ingest(TestApp.config(lake, server.baseUrl(), Map.of()),
                        new IngestRequest(dataset, from, to, false)).failed(), dataset);
            }
        }
        LakeLayout layout = new LakeLayout(lake);
        new QlibGoldStage(layout, "stocks_daily").run(false, false);

        TreeMap<LocalDate, Float> factor = new QlibReader(layout.root().resolve("gold/qlib"))
                .series(ticker.toUpperCase(), "factor");
        assertFalse(factor.isEmpty());
        factor.forEach((day, value) -> assertEquals(day.isBefore(executed) ? (float) ratio : 1.0f, value, 1e-7,
                day.toString()));
        assertEquals(1.0f, factor.get(factor.ceilingKey(executed)), "factor is 1.0 from the split day on");
    }
}
