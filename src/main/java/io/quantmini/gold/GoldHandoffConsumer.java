package io.quantmini.gold;

import io.quantmini.lake.HandoffTaker;
import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeLayout;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.function.Function;

/**
 * The bean behind {@code routes/gold.camel.yaml}: one silver handoff in, the Qlib provider directory
 * brought up to date (the stage finds what changed from the lake itself: append, rewrite or nothing).
 */
public final class GoldHandoffConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(GoldHandoffConsumer.class);

    private final LakeLayout lake;
    private final Handoffs handoffs;
    private final boolean withFeatures;
    private final HandoffTaker taker;

    /** @param whyNotDailyBars why a dataset a handoff names cannot be built, or null ({@code DatasetSchema}) */
    public GoldHandoffConsumer(LakeLayout lake, Handoffs handoffs, boolean withFeatures,
                               Function<String, String> whyNotDailyBars) {
        this.lake = lake;
        this.handoffs = handoffs;
        this.withFeatures = withFeatures;
        // gold owed again: the next silver run hands it off, though silver itself has nothing new
        this.taker = new HandoffTaker(handoffs, Handoffs.GOLD, whyNotDailyBars,
                dataset -> handoffs.markUnpublished(Handoffs.GOLD, dataset));
    }

    public GoldResult consume(Exchange exchange) throws IOException {
        return taker.take(exchange, dataset -> {
            GoldResult result;
            try {
                // false: keep the features as gold has them (an operator may have added them)
                result = new QlibGoldStage(lake, dataset).run(false, withFeatures ? Boolean.TRUE : null);
            } catch (SilverBehindException e) {
                if (!handoffs.pendingFor(Handoffs.SILVER, dataset)) {
                    throw e;
                }
                // bronze changed after this handoff's silver run (an ingest meanwhile): the silver run already owed
                // computes those days, then hands gold off again
                LOG.info("gold {}: waits for the pending silver run ({})", dataset, e.getMessage());
                return null;
            }
            LOG.info("gold {}: {}", dataset, result.oneLine());
            String splits = SplitsCoverage.warning(lake, dataset);
            if (splits != null) {
                LOG.warn("gold {}: {}", dataset, splits);
            }
            return result;
        });
    }
}
