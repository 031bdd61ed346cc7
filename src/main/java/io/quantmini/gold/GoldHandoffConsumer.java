package io.quantmini.gold;

import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The bean behind {@code routes/gold.camel.yaml}: one silver handoff in, the Qlib provider directory
 * brought up to date (the stage finds what changed from the lake itself: append, rewrite or nothing).
 */
public final class GoldHandoffConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(GoldHandoffConsumer.class);

    private final LakeLayout lake;
    private final boolean withFeatures;

    public GoldHandoffConsumer(LakeLayout lake, boolean withFeatures) {
        this.lake = lake;
        this.withFeatures = withFeatures;
    }

    public GoldResult consume(Exchange exchange) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, "handoff", String.class);
        Handoffs.Handoff handoff = Handoffs.parse(exchange.getIn().getBody(byte[].class), name);
        GoldResult result = new QlibGoldStage(lake, handoff.dataset()).run(false, withFeatures);
        LOG.info("gold {}: {}", handoff.dataset(), result);
        return result;
    }
}
