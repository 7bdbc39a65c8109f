package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.List;

/** One finding type's rule. Implementations are stateless and pure. */
@FunctionalInterface
public interface Detector {
    List<Finding> detect(Snapshot snapshot, DetectOptions options);
}
