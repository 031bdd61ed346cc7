package io.quantmini.lake;

import io.quantmini.LogCapture;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One poll of a handoff route lists every waiting handoff, then takes them one by one. A handoff that goes while an
 * earlier one of the batch runs (a one-shot {@code transform features} ended meanwhile and removed the handoffs it
 * satisfied, {@link Handoffs#removeSatisfied}) was taken by another run: not a failure, and nothing is set aside for it
 * (an empty file in failed/ would fail again once moved back). Found by the review of the routes' change to noop. The
 * route has the options of routes/silver.camel.yaml.
 */
class VanishedHandoffTest {

    @TempDir
    Path root;

    @Test
    void aHandoffRemovedByAOneShotRunWhileTheBatchRunsIsNotReportedAsFailed() throws Exception {
        Handoffs handoffs = new Handoffs(new LakeLayout(root), Clock.systemUTC());
        handoffs.write("silver", "stocks_daily", List.of(LocalDate.of(2024, 1, 2)));
        handoffs.write("silver", "stocks_daily", List.of(LocalDate.of(2024, 1, 3)));
        Path first = handoffs.pending("silver").get(0); // the route's order (sortBy file:name)
        Path second = handoffs.pending("silver").get(1);
        HandoffTaker taker = new HandoffTaker(handoffs, "silver", dataset -> null, dataset -> null);
        List<String> ran = new CopyOnWriteArrayList<>();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("handoffFilter", new HandoffFilter(handoffs));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + handoffs.folder("silver") + "?include=.*\\.json&noop=true&idempotent=false"
                        + "&filter=#handoffFilter&sortBy=file:name&delay=200&backoffErrorThreshold=1"
                        + "&backoffMultiplier=15")
                        .process(exchange -> taker.take(exchange, dataset -> {
                            String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
                            ran.add(name);
                            if (name.equals(first.getFileName().toString())) {
                                // meanwhile a one-shot `transform features stocks_daily` ends and removes the
                                // handoffs it satisfied (Handoffs.removeSatisfied)
                                Handoffs.removeSatisfied(List.of(second), "stocks_daily");
                            }
                            return "done";
                        }));
            }
        });
        List<String> said = LogCapture.warnings(HandoffTaker.class, () -> {
            camel.start();
            try {
                long deadline = System.currentTimeMillis() + 10_000;
                while (Files.exists(first) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(1_000);
            } finally {
                camel.stop();
            }
        });
        Path bogus = handoffs.folder("silver").resolve(Handoffs.FAILED).resolve(second.getFileName());
        String failedContent = Files.exists(bogus) ? "'" + Files.readString(bogus) + "' (" + Files.size(bogus)
                + " bytes)" : "none";
        assertEquals(List.of(first.getFileName().toString()), ran);
        assertEquals(List.of(), said, "nothing failed; failed/ holds " + failedContent);
        assertFalse(Files.exists(bogus), "no empty file set aside in failed/ for a handoff already satisfied: "
                + failedContent);
    }
}
