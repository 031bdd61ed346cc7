package io.quantmini.app;

import io.quantmini.LogCapture;
import io.quantmini.ingest.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What `quantmini run` says when it is stopped: the operator's journal tells an idle stop and a finished one. */
class DaemonStopTest {

    @TempDir
    Path temp;

    @Test
    void anIdleDaemonSaysItHasNothingInProgressThenThatItStopped() throws Exception {
        QuantMiniCamel daemon = QuantMiniCamel.create(TestApp.config(temp.resolve("lake"), "http://127.0.0.1:9",
                Map.of()), TestApp.ROUTES_DIR, true, Clock.systemUTC());
        List<String> said = LogCapture.messages(QuantMiniCamel.class, () -> Daemons.startThenClose(daemon));
        List<String> stopping = said.stream().filter(line -> line.startsWith("stop")).toList();
        assertEquals(List.of("stopping: no work in progress", "stopped"), stopping, said.toString());
        assertEquals("stopped", said.get(said.size() - 1), "the last line");
    }
}
