package dev.threadhound.agent.track;

import dev.threadhound.model.ExecutorKind;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Where an executor was created, and the few facts about it the JDK does not keep itself. */
public final class ExecutorOrigin {

    final String identity;
    final ExecutorKind kind;
    final StackTraceElement[] site;
    final long createdAt;
    final long createdBy;
    final LongAdder rejected = new LongAdder();
    /** Workers that died of an uncaught exception; the pool replaced them. */
    final LongAdder workerDeaths = new LongAdder();
    volatile boolean shutdown;
    /** Named once from its first worker's thread name, so the name stays stable. */
    volatile String threadNamePrefix;
    /** The one task whose queue wait and run time is being timed now (sampling keeps the hot path cheap). */
    final AtomicReference<RecordingProbe.Sample> sample = new AtomicReference<>();
    /** What waiting for it to terminate parks on ({@code Class@hex}), once found. */
    private volatile String terminationIdentity;
    /** Timed tasks so far, counted without a lock by the workers that finish them: a lost count only lengthens the warm-up. */
    volatile int timedTasks;

    ExecutorOrigin(String identity, ExecutorKind kind, StackTraceElement[] site, long createdAt, long createdBy) {
        this.identity = identity;
        this.kind = kind;
        this.site = site;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String identity() { return identity; }
    public ExecutorKind kind() { return kind; }
    public StackTraceElement[] site() { return site; }
    public long createdAt() { return createdAt; }
    public long createdBy() { return createdBy; }
    public boolean shutdown() { return shutdown; }
    public long rejected() { return rejected.sum(); }
    public long workerDeaths() { return workerDeaths.sum(); }
    public String threadNamePrefix() { return threadNamePrefix; }

    /**
     * What a wait for the executor to terminate parks on, named once {@code find} finds it; null until then (a
     * fork-join pool makes it for the first wait).
     */
    public String terminationIdentity(Supplier<Object> find) {
        String known = terminationIdentity;
        if (known == null) {
            Object signal = find.get();
            if (signal != null) {
                known = ExecutorRegistry.identity(signal);
                terminationIdentity = known;
            }
        }
        return known;
    }

    /** Names the executor after its first worker, for pools whose workers the probe does not see starting. */
    public void nameFromWorker(String threadName) {
        if (threadNamePrefix == null) {
            threadNamePrefix = ExecutorNames.prefixOf(threadName);
        }
    }
}
