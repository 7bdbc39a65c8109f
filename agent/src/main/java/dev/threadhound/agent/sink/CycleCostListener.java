package dev.threadhound.agent.sink;

/**
 * Receives what each detector cycle cost the JVM: wall time from the snapshot to the last sink, and the CPU time
 * the detector loop's thread used for it. Called on that thread once per cycle.
 */
public interface CycleCostListener {

    /**
     * @param wallNanos elapsed time of the cycle
     * @param cpuNanos  CPU time of the detector loop's thread during the cycle, or a negative value when unknown
     */
    void cycleDone(long wallNanos, long cpuNanos);

    CycleCostListener NONE = (wallNanos, cpuNanos) -> { };
}
