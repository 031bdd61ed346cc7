package io.quantmini.silver;

import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The bean behind {@code routes/silver.camel.yaml}: one bronze handoff in, silver brought up to date
 * (the stage itself finds what is stale from the lake), and the changed days handed on to gold.
 */
public final class SilverHandoffConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(SilverHandoffConsumer.class);

    private final LakeLayout lake;
    private final Handoffs handoffs;

    public SilverHandoffConsumer(LakeLayout lake, Handoffs handoffs) {
        this.lake = lake;
        this.handoffs = handoffs;
    }

    public SilverResult consume(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, "handoff", String.class);
        Handoffs.Handoff handoff = Handoffs.parse(exchange.getIn().getBody(byte[].class), name);
        return update(handoff.dataset());
    }

    /** Incremental silver update of a dataset, followed by the gold handoff when any day changed. */
    public SilverResult update(String dataset) throws IOException {
        SilverResult result = new SilverStage(lake, dataset).run(null, null, false);
        if (!result.daysChanged().isEmpty()) {
            handoffs.write(Handoffs.GOLD, dataset, result.daysChanged());
        }
        LOG.info("silver {}: {} days written, {} rows", dataset, result.daysWritten(), result.rows());
        return result;
    }
}
