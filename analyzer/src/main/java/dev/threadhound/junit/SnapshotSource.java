package dev.threadhound.junit;

import dev.threadhound.model.Snapshot;

/** Where a check reads the JVM's threads from: the attached agent when there is one, else the JVM's own MXBean. */
interface SnapshotSource {

    Snapshot take();

    /** Whether snapshots carry creation sites, executors and tasks. */
    boolean agent();

    /** A check begins: a source that records as the check goes tells what it records to start afresh. */
    default void checkStarting() {
    }

    static SnapshotSource pick() {
        return AgentSnapshotSource.attached() ? new AgentSnapshotSource() : new JvmThreadSource();
    }
}
