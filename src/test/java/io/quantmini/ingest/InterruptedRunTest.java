package io.quantmini.ingest;

import io.quantmini.lake.LakeLayout;
import io.quantmini.replay.ReplayResponse;
import io.quantmini.replay.ReplayServer;
import io.quantmini.replay.SyntheticMarket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run that died half-way, re-run, ends with the same lake as a run that never stopped. */
class InterruptedRunTest {

    private static final LocalDate START = LocalDate.of(2024, 1, 29);
    private static final LocalDate END = LocalDate.of(2024, 2, 9);

    @TempDir
    Path temp;

    @Test
    void rerunAfterFailuresAndLeftoverTempFilesEqualsACleanRun() throws Exception {
        SyntheticMarket market = new SyntheticMarket(new SyntheticMarket.Spec(40, START, END, 5), TestApp.calendar());
        IngestRequest request = new IngestRequest("stocks_daily", START, END, true);
        Path clean = temp.resolve("clean");
        Path interrupted = temp.resolve("interrupted");
        try (ReplayServer healthy = ReplayServer.start(market, 0)) {
            assertFalse(TestApp.ingest(TestApp.config(clean, healthy.baseUrl(), Map.of()), request).failed());

            ScriptedPolygon dying = new ScriptedPolygon(market)
                    .always("2024-02-0", ReplayResponse.json(500,
                            "{\"status\":\"ERROR\"}".getBytes(StandardCharsets.UTF_8)));
            try (ReplayServer failing = ReplayServer.start(dying, 0)) {
                IngestRun broken = TestApp.ingest(TestApp.config(interrupted, failing.baseUrl(), Map.of()), request);
                assertTrue(broken.failed());
                assertEquals(7, broken.failures().size(), "Feb 1..9 failed: " + broken.failures().keySet());
            }
            // What a kill -9 in the middle of a write leaves behind: temp files beside the real ones.
            LakeLayout layout = new LakeLayout(interrupted);
            Path bronzeMonth = layout.bronzeDayFile("stocks_daily", LocalDate.of(2024, 2, 5)).getParent();
            Files.createDirectories(bronzeMonth);
            Files.write(bronzeMonth.resolve(".2024-02-05.parquet.tmp-1234"), new byte[]{1, 2, 3});
            Path landingDay = Files.createDirectories(layout.landingDay("stocks_daily", LocalDate.of(2024, 2, 6)));
            Files.write(landingDay.resolve(".abc.json.tmp-99"), "{\"trunc".getBytes(StandardCharsets.UTF_8));
            // ... and a handoff cut short by the kill, named as its (now ended) process wrote it
            Process ended = new ProcessBuilder("true").start();
            ended.waitFor();
            Path handoffs = Files.createDirectories(layout.handoffFolder(io.quantmini.lake.Handoffs.SILVER));
            Files.write(handoffs.resolve(".20240209T000000Z-0badf00d.json.tmp-" + ended.pid() + "-3e2a"),
                    "{\"st".getBytes(StandardCharsets.UTF_8));

            IngestRun rerun = TestApp.ingest(TestApp.config(interrupted, healthy.baseUrl(), Map.of()), request);
            assertFalse(rerun.failed(), () -> String.valueOf(rerun.failureSummary()));
            assertEquals(7, rerun.plannedDays(), "only the missing days are fetched again");
        }
        // Handoffs are messages between stages, not data: two runs leave two, and together they name every day.
        java.util.Set<LocalDate> handedOff = new java.util.TreeSet<>();
        io.quantmini.lake.Handoffs queue = new io.quantmini.lake.Handoffs(new LakeLayout(interrupted),
                java.time.Clock.systemUTC());
        for (Path handoff : queue.pending(io.quantmini.lake.Handoffs.SILVER)) {
            handedOff.addAll(io.quantmini.lake.Handoffs.parse(Files.readAllBytes(handoff), handoff.toString()).days());
        }
        assertEquals(new java.util.TreeSet<>(TestApp.calendar().tradingDays(START, END)), handedOff);
        try (Stream<Path> files = Files.walk(interrupted)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("."))
                    .filter(f -> !f.getFileName().toString().endsWith(".lock")) // lock files stay
                    .map(f -> interrupted.relativize(f).toString()).toList(), "no temp file left anywhere");
        }
        Map<String, String> cleanLake = contents(clean);
        Map<String, String> rerunLake = contents(interrupted);
        assertEquals(cleanLake.keySet(), rerunLake.keySet());
        assertEquals(cleanLake, rerunLake);
    }

    /** Every data file by relative path (handoffs aside); bodies by bytes, without the receive times they record. */
    private static Map<String, String> contents(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, String> byPath = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !root.relativize(f).startsWith("_handoff")).collect(Collectors.toList())) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (file.getFileName().toString().equals("_index.jsonl")) {
                    text = text.replaceAll("\"received_at\":\"[^\"]*\"", "");
                }
                // a bronze footer records when its pages arrived, in a fixed-length form
                text = text.replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "<received>");
                byPath.put(root.relativize(file).toString(), text);
            }
            return byPath;
        }
    }
}
