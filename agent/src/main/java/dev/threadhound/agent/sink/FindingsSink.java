package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.List;

/** Receives every detector cycle's snapshot and findings, on the detector loop's thread: keep it quick. */
@FunctionalInterface
public interface FindingsSink {
    void publish(Snapshot snapshot, List<Finding> findings);
}
