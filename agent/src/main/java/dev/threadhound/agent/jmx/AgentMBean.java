package dev.threadhound.agent.jmx;

/**
 * {@code dev.threadhound:type=Agent}. Returns JSON strings, so callers need no agent class; {@link #snapshotBytes()}
 * is for a caller in this JVM that has the analyzer's model.
 */
public interface AgentMBean {

    /** A fresh snapshot with every thread's stack, creation sites, executors and in-flight tasks. */
    String snapshot();

    /**
     * The same snapshot as serialized records, for a caller in this JVM that has the model's classes (the JUnit
     * check): no JSON mapper to load and warm up on either side.
     */
    byte[] snapshotBytes();

    /** The newest detector cycle's findings JSON (schema threadhound/findings/v1). */
    String findings();

    /**
     * Proves the newest cycle's leak candidates by heap reachability now, and returns its findings JSON with
     * {@code proven} and {@code keptBy}. Takes a heap dump, which pauses the JVM; refused (IllegalStateException,
     * one line) when the heap is above prove's limit, the analysis would not fit, or nothing is a candidate.
     */
    String prove();
}
