package dev.threadhound.agent.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code threadhound_executor_task_wait_seconds} and {@code threadhound_executor_task_run_seconds}: histograms
 * of queue wait and run time per executor, so {@code histogram_quantile} gives p50/p99 in PromQL.
 *
 * <p>The buckets are a fixed set of 14 from 100 µs to 60 s rather than Micrometer's generated percentile
 * histogram (about 70 buckets): with up to 101 executor labels and two timers that is 2,800 series at most
 * instead of 14,000, and still fine enough for p50/p99 of tasks between a tenth of a millisecond and a minute.
 *
 * <p>Cost on the recording thread: two map reads and two lock-free histogram updates.
 */
final class TaskTimingMeters implements TaskTimingListener {

    private static final Duration[] BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(60),
    };

    private final MeterRegistry registry;
    private final BoundedLabels labels;
    /** Keyed by label; at most the label limit plus {@code other}. */
    private final ConcurrentHashMap<String, Timer[]> timers = new ConcurrentHashMap<>();

    TaskTimingMeters(MeterRegistry registry, BoundedLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    @Override
    public void taskTimed(String executor, long waitNanos, long runNanos) {
        try {
            Timer[] pair = timers.get(labels.of(executor));
            if (pair == null) {
                pair = timers.computeIfAbsent(labels.of(executor), this::register);
            }
            if (waitNanos >= 0) {
                pair[0].record(waitNanos, TimeUnit.NANOSECONDS);
            }
            if (runNanos >= 0) {
                pair[1].record(runNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException ignored) {
            // a timing lost is better than an exception in the host's worker
        }
    }

    private Timer[] register(String label) {
        return new Timer[] {
            timer("threadhound.executor.task.wait", "Time tasks waited in the queue before they started", label),
            timer("threadhound.executor.task.run", "Time tasks ran", label),
        };
    }

    private Timer timer(String name, String description, String label) {
        return Timer.builder(name)
                .description(description)
                .tag("executor", label)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
