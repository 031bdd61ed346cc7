package io.quantmini.lake;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a stage's handoff consumer takes one file from its camel-file route: the file names a dataset the stage can
 * build (else it is refused), the stage runs, and the route deletes the file. When the stage fails, or the file is
 * not a handoff, the file is moved aside ({@link Handoffs#quarantine}) with one ERROR line: no retry every poll, and
 * nothing lost (the stage works from the lake, so the next handoff, or the file moved back, redoes what this one
 * asked).
 */
public final class HandoffTaker {

    private static final Logger LOG = LoggerFactory.getLogger(HandoffTaker.class);

    /** One stage's work for a dataset named by a handoff. */
    @FunctionalInterface
    public interface Stage<R> {
        R run(String dataset) throws IOException;
    }

    private final Handoffs handoffs;
    private final String stage;
    private final Function<String, String> refusal;
    private final Stage<?> afterStageFailure;

    /**
     * @param refusal           why the stage cannot build a dataset, or null when it can
     * @param afterStageFailure run when the stage itself failed for a dataset: what makes a later run redo it
     */
    public HandoffTaker(Handoffs handoffs, String stage, Function<String, String> refusal, Stage<?> afterStageFailure) {
        this.handoffs = handoffs;
        this.stage = stage;
        this.refusal = refusal;
        this.afterStageFailure = afterStageFailure;
    }

    /**
     * Runs {@code work} for the handoff in {@code exchange} and returns what it returns; null when the handoff was set
     * aside (not a handoff, refused, or its stage failed), or when {@code work} itself returns null (it built nothing,
     * e.g. gold waiting for silver). Either way the route then deletes the file.
     */
    public <R> R take(Exchange exchange, Stage<R> work) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, "handoff", String.class);
        byte[] body = exchange.getIn().getBody(byte[].class);
        Exception retryNotRecorded = null;
        try {
            Handoffs.Handoff handoff = Handoffs.parse(body, name);
            String refused = refusal.apply(handoff.dataset());
            if (refused != null) {
                throw new IllegalArgumentException("it names dataset '" + handoff.dataset() + "': " + refused);
            }
            try {
                return work.run(handoff.dataset());
            } catch (IOException | RuntimeException stageFailed) {
                try {
                    afterStageFailure.run(handoff.dataset());
                } catch (IOException | RuntimeException alsoFailed) { // often for the same reason (a full disk)
                    stageFailed.addSuppressed(alsoFailed);
                    retryNotRecorded = alsoFailed;
                }
                throw stageFailed;
            }
        } catch (IOException | RuntimeException e) {
            String why = describe(e).strip().replaceAll("\\s*\\R\\s*", " "); // one line: a parser's message has two
            LOG.debug("{} handoff {}", stage, name, e);
            Path original = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, name, String.class));
            Path kept;
            try {
                if (retryNotRecorded != null) {
                    // Nothing records that the stage owes a run (gold's .unpublished marker could not be written):
                    // set aside in failed/, the handoff would leave gold half-updated until new data arrives. Renamed
                    // into that marker instead (a rename needs no space), the next ingest has silver pass it on.
                    kept = handoffs.keepAsUnpublished(original);
                    LOG.error("{} handoff {} not carried out, kept as {} for the next run (its marker could not be"
                            + " written: {}): {}", stage, name, kept.getFileName(), describe(retryNotRecorded), why);
                    return null;
                }
                kept = handoffs.quarantine(stage, original, body == null ? new byte[0] : body);
            } catch (IOException cannotKeep) {
                // Neither moved nor renamed: the folder refuses every change, so the route could not delete it either.
                LOG.error("{} handoff {} not carried out, and cannot be set aside ({}): {}", stage, name,
                        LakeWriteException.describe(cannotKeep), why);
                throw cannotKeep;
            }
            LOG.error("{} handoff {} not carried out, kept in {}: {}", stage, name, kept, why);
            return null;
        }
    }

    /** An AccessDeniedException's message is the bare file name: described, it says "permission denied". */
    private static String describe(Exception e) {
        return e instanceof IOException io ? LakeWriteException.describe(io)
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
