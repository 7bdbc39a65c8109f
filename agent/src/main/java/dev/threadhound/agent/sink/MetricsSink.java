package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.List;

/**
 * The metrics sink: fed the newest snapshot and findings once per detector cycle, it keeps the latest values
 * that the meters read at scrape time, so a scrape never walks threads or takes stacks. It also keeps the
 * newest snapshot and findings for the HTTP endpoint's pages.
 *
 * <p>Its registry is its own {@link PrometheusMeterRegistry} on its own Prometheus registry, never a global
 * one, so the host application's metrics and ours never mix.
 */
public final class MetricsSink implements FindingsSink {

    /** Most distinct {@code executor} and {@code lock} label values per JVM; the rest are {@code other}. */
    public static final int LABEL_LIMIT = 100;

    private final PrometheusMeterRegistry registry;
    private final FindingMeters findingMeters;
    private final ThreadStateMeters threadMeters;
    private final ExecutorMeters executorMeters;
    private final TaskTimingMeters taskTimings;
    private final LockWaitMeters lockWaits;
    private final CycleMeters cycles;

    private volatile Snapshot latest;
    private volatile List<Finding> findings = List.of();

    public MetricsSink() {
        // Micrometer logs through SLF4J when it finds it: the application's, which it would set up from the agent's
        // thread (logback printing its own start, or configured before the application chose how). The JDK's instead.
        io.micrometer.common.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.micrometer.common.util.internal.logging.JdkLoggerFactory.INSTANCE);
        io.micrometer.core.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
                io.micrometer.core.util.internal.logging.JdkLoggerFactory.INSTANCE);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BoundedLabels executors = new BoundedLabels(LABEL_LIMIT);
        this.findingMeters = new FindingMeters(registry);
        this.threadMeters = new ThreadStateMeters(registry);
        this.executorMeters = new ExecutorMeters(registry, executors);
        this.taskTimings = new TaskTimingMeters(registry, executors);
        this.lockWaits = new LockWaitMeters(registry, new BoundedLabels(LABEL_LIMIT));
        this.cycles = new CycleMeters(registry);
    }

    /** Once per detector cycle, from the loop's thread. */
    @Override
    public void publish(Snapshot snapshot, List<Finding> active) {
        findingMeters.publish(active);
        threadMeters.publish(snapshot.threads());
        executorMeters.publish(snapshot.executors());
        this.findings = List.copyOf(active);
        this.latest = snapshot;
    }

    /** Where the probe's sampled task timings go. */
    public TaskTimingListener taskTimings() {
        return taskTimings;
    }

    /** Where the JFR stream's lock waits and pinning events go. */
    public LockWaitListener lockWaits() {
        return lockWaits;
    }

    /** Where the detector loop reports what each cycle cost. */
    public CycleCostListener cycles() {
        return cycles;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The newest published snapshot, or null before the first cycle. */
    public Snapshot latestSnapshot() {
        return latest;
    }

    public List<Finding> latestFindings() {
        return findings;
    }
}
