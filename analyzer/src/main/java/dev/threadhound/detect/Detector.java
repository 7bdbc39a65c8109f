package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.List;

/** One finding type's rule. Implementations are stateless and pure. */
@FunctionalInterface
public interface Detector {
    List<Finding> detect(Snapshot snapshot, DetectOptions options);

    /**
     * Whether this detector's findings report threads as stuck, so that a thread a deadlock cycle claims must not
     * show in them too ({@link Detectors#run} then asks again without the claimed threads). True unless said otherwise.
     */
    default boolean reportsStuckThreads() {
        return true;
    }
}
