package io.quantmini.ingest;

import io.quantmini.lake.Handoffs;
import io.quantmini.lake.LakeWriteException;
import io.quantmini.text.Plural;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;

/**
 * The last step of an ingest: tells the silver stage which days bronze changed, through a handoff file.
 * Written even when some days failed, so the good ones move on. When no day changed, written only if no silver
 * handoff for the dataset is waiting already and silver lags bronze, or gold is owed a handoff (which only silver
 * writes): then it names no days.
 */
public final class BronzeHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(BronzeHandoff.class);

    private final Handoffs handoffs;

    public BronzeHandoff(Handoffs handoffs) {
        this.handoffs = handoffs;
    }

    public void written(Exchange exchange) throws IOException {
        IngestRun run = exchange.getProperty(IngestRun.PROPERTY, IngestRun.class);
        if (run == null) {
            return;
        }
        String dataset = run.request().dataset();
        Collection<LocalDate> days = run.written().keySet();
        if (days.isEmpty()) {
            // Nothing new, but silver may still lag bronze: a run killed between its last bronze write and this
            // handoff, or a silver run that failed. The bronze files exist, so no later ingest writes those days.
            if (handoffs.pendingFor(Handoffs.SILVER, dataset)) {
                return;
            }
            try {
                days = handoffs.daysSilverLacks(dataset);
            } catch (IOException e) {
                // bronze cannot be listed (a month folder that is a file, say): the run fails, naming the path
                String reason = "cannot compare bronze with silver: " + LakeWriteException.describe(e);
                LOG.error("{}: {}", dataset, reason);
                run.problem(reason);
                return;
            }
            if (!days.isEmpty()) {
                LOG.info("{}: silver is out of step with bronze on {}", dataset, Plural.of(days.size(), "day"));
            } else if (!handoffs.unpublished(Handoffs.GOLD, dataset).isEmpty()) {
                // A gold run that failed (or a silver run killed before its gold handoff) left gold owed a handoff,
                // which only a silver run writes: hand silver no days, and it hands gold what is owed.
                LOG.info("{}: gold is owed a handoff (a run that failed or was stopped, or a silver run under way):"
                        + " silver passes it on", dataset);
            } else {
                return;
            }
        }
        Path file;
        try {
            file = handoffs.write(Handoffs.SILVER, dataset, days);
        } catch (IOException e) {
            // The days are in bronze; the run fails, with its summary, and silver finds them stale anyway.
            String reason = "cannot hand " + Plural.of(days.size(), "changed day") + " to silver ("
                    + handoffs.folder(Handoffs.SILVER) + "): " + LakeWriteException.describe(e) + "; the next ingest or"
                    + " transform features picks them up";
            LOG.error("{}: {}", dataset, reason);
            run.problem(reason);
            return;
        }
        run.handedOff(file);
        LOG.info("{}: {} handed to silver ({})", dataset, days.isEmpty() ? "gold's owed handoff"
                : Plural.of(days.size(), "changed day"), file.getFileName());
    }
}
