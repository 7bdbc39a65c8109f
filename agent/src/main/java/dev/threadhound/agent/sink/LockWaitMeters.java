package dev.threadhound.agent.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code threadhound_lock_wait_seconds_total} and {@code threadhound_lock_waits_total} by lock class and kind,
 * and {@code threadhound_virtual_thread_pinned_total}. Lock classes are bounded through {@link BoundedLabels};
 * {@code kind} is {@code monitor} or {@code park} (anything else is counted as {@code other}). The pinned
 * counter exists from the start, so "no pinning" reads 0 rather than "no data".
 */
final class LockWaitMeters implements LockWaitListener {

    private final MeterRegistry registry;
    private final BoundedLabels labels;
    private final ConcurrentHashMap<String, Counter[]> counters = new ConcurrentHashMap<>();
    private final Counter pinned;

    LockWaitMeters(MeterRegistry registry, BoundedLabels labels) {
        this.registry = registry;
        this.labels = labels;
        this.pinned = Counter.builder("threadhound.virtual.thread.pinned")
                .description("Times a virtual thread blocked while pinned to its carrier")
                .register(registry);
    }

    @Override
    public void lockWaited(String lockClass, String kind, long nanos) {
        try {
            String lock = labels.of(lockClass);
            String k = "monitor".equals(kind) || "park".equals(kind) ? kind : BoundedLabels.OTHER;
            Counter[] pair = counters.computeIfAbsent(lock + '\n' + k, key -> register(lock, k));
            pair[0].increment(Math.max(0, nanos) / 1e9);
            pair[1].increment();
        } catch (RuntimeException ignored) {
            // an event lost is better than a broken JFR stream
        }
    }

    @Override
    public void virtualThreadPinned(long nanos) {
        pinned.increment();
    }

    private Counter[] register(String lock, String kind) {
        return new Counter[] {
            Counter.builder("threadhound.lock.wait").baseUnit("seconds")
                    .description("Time threads waited to enter a monitor or parked on a lock")
                    .tag("lock", lock).tag("kind", kind).register(registry),
            Counter.builder("threadhound.lock.waits")
                    .description("Waits to enter a monitor or parks on a lock")
                    .tag("lock", lock).tag("kind", kind).register(registry),
        };
    }
}
