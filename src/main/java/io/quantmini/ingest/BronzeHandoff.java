package io.quantmini.ingest;

import io.quantmini.lake.Handoffs;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The last step of an ingest: tells the silver stage which days bronze changed, through a handoff file.
 * Written even when some days failed, so the good ones move on; nothing is written when no day changed.
 */
public final class BronzeHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeHandoff.class);

    private final Handoffs handoffs;

    public BronzeHandoff(Handoffs handoffs) {
        this.handoffs = handoffs;
    }

    public void written(Exchange exchange) throws IOException {
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        if (run == null || run.written().isEmpty()) {
            return;
        }
        Path file = handoffs.write(Handoffs.SILVER, run.request().dataset(), run.written().keySet());
        run.handedOff(file);
        LOG.info("{}: {} changed days handed to silver ({})", run.request().dataset(), run.written().size(), file.getFileName());
    }
}
