package io.quantmini.lake;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a stage's handoff consumer takes one file from its camel-file route: the file names a dataset the stage can
 * build (else it is refused), the stage runs, and the file is deleted. When the stage fails, or the file is not a
 * handoff or cannot be read, the file is moved aside ({@link Handoffs#quarantine}) with one ERROR line: no retry
 * every poll, and nothing lost (the stage works from the lake, so the next handoff, or the file moved back, redoes
 * what this one asked).
 *
 * <p>The taker deletes the file itself, so that a delete the disk refuses is said once, with its reason, and the
 * route's {@link HandoffFilter} does not take that file again (Camel's own delete failed every poll with a stack
 * trace, and the stage ran again each time). The shipped routes consume with {@code noop}; a route still set to
 * {@code delete} finds the file gone, which Camel accepts.
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
     * aside (not a handoff, unreadable, refused, or its stage failed), or when {@code work} itself returns null (it
     * built nothing, e.g. gold waiting for silver). Once {@code work} returned, the file is deleted.
     */
    public <R> R take(Exchange exchange, Stage<R> work) throws IOException {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, "handoff", String.class);
        Path original = Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, name, String.class));
        if (handoffs.carriedOutRemovingAgain(original)) {
            // a route without the handoffFilter (a copy from an older version, with delete: true): not run again
            return null;
        }
        byte[] body = null;
        Exception retryNotRecorded = null;
        R result;
        try {
            body = body(exchange, original);
            Handoffs.Handoff handoff = Handoffs.parse(body, name);
            String refused = refusal.apply(handoff.dataset());
            if (refused != null) {
                throw new IllegalArgumentException("it names dataset '" + handoff.dataset() + "': " + refused);
            }
            try {
                result = work.run(handoff.dataset());
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
            if (body == null && Files.notExists(original, LinkOption.NOFOLLOW_LINKS)) {
                // gone since the route listed it: another run took it (a one-shot run removes the handoffs it did)
                LOG.info("{} handoff {} was taken by another run before this one read it", stage, name);
                return null;
            }
            setAside(name, original, body, e, retryNotRecorded);
            return null;
        }
        remove(name, original);
        return result;
    }

    /** The handoff's bytes; a read the disk refuses names the file (Camel's conversion error names neither). */
    private static byte[] body(Exchange exchange, Path file) throws IOException {
        try {
            return exchange.getIn().getBody(byte[].class);
        } catch (TypeConversionException e) {
            if (e.getCause() instanceof IOException unreadable) {
                throw NamedIOException.of(file, unreadable);
            }
            throw e;
        }
    }

    private void setAside(String name, Path original, byte[] body, Exception failure, Exception retryNotRecorded)
            throws IOException {
        String why = describe(failure).strip().replaceAll("\\s*\\R\\s*", " "); // one line: a parser's message has two
        LOG.debug("{} handoff {}", stage, name, failure);
        Path kept;
        try {
            if (retryNotRecorded != null) {
                // Nothing records that the stage owes a run (gold's .unpublished marker could not be written): set
                // aside in failed/, the handoff would leave gold half-updated until new data arrives. Renamed into
                // that marker instead (a rename needs no space), the next ingest has silver pass it on.
                kept = handoffs.keepAsUnpublished(original);
                LOG.error("{} handoff {} not carried out, kept as {} for the next run (its marker could not be"
                        + " written: {}): {}", stage, name, kept.getFileName(), describe(retryNotRecorded), why);
                return;
            }
            kept = handoffs.quarantine(stage, original, body);
        } catch (IOException cannotKeep) {
            // Neither moved nor renamed: the folder refuses every change, so it could not be deleted either.
            LOG.error("{} handoff {} not carried out, and cannot be set aside ({}): {}", stage, name,
                    LakeWriteException.describe(cannotKeep), why);
            throw cannotKeep;
        }
        LOG.error("{} handoff {} not carried out, kept in {}: {}", stage, name, kept, why);
    }

    /** The stage committed: its handoff goes. One the disk keeps is said once; the route takes it no more. */
    private void remove(String name, Path handoff) {
        try {
            Files.deleteIfExists(handoff);
        } catch (IOException e) {
            handoffs.keptAfterCarriedOut(handoff);
            LOG.warn("{} handoff {} carried out, but cannot be removed (not taken again; its removal is tried again"
                    + " at each poll): {}", stage, name,
                    LakeWriteException.describe(NamedIOException.of(handoff, e)));
        }
    }

    /** An AccessDeniedException's message is the bare file name: described, it says "permission denied". */
    private static String describe(Exception e) {
        return e instanceof IOException io ? LakeWriteException.describe(io)
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
