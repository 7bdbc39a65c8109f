package dev.threadhound.agent.sink;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The meters of one {@code executor} label value: the load of the live executors reported under it, summed,
 * and their completed and rejected tasks and dead workers as totals that only grow. The gauges exist while at least one live
 * executor carries the label; the counters stay, so a rate over them never sees a false reset.
 */
final class ExecutorLoad {

    private final MeterRegistry registry;
    private final String label;
    private final List<Meter> gauges = new ArrayList<>();
    private Meter maxGauge;

    private volatile long poolSize;
    private volatile long active;
    private volatile long queued;
    private volatile long maxThreads;
    private volatile long instances;
    private volatile long completed;
    private volatile long rejected;
    private volatile long workerDeaths;

    ExecutorLoad(MeterRegistry registry, String label) {
        this.registry = registry;
        this.label = label;
        FunctionCounter.builder("threadhound.executor.tasks.completed", this, l -> l.completed)
                .description("Tasks the executors under this label completed")
                .tag("executor", label).register(registry);
        FunctionCounter.builder("threadhound.executor.tasks.rejected", this, l -> l.rejected)
                .description("Tasks the executors under this label rejected")
                .tag("executor", label).register(registry);
        FunctionCounter.builder("threadhound.executor.worker.deaths", this, l -> l.workerDeaths)
                .description("Workers of the executors under this label that died of an uncaught exception (the pool replaced them)")
                .tag("executor", label).register(registry);
    }

    /** Called once per snapshot with the sums over the live executors under this label. */
    void update(ExecutorSums sums) {
        poolSize = sums.poolSize;
        active = sums.active;
        queued = sums.queued;
        maxThreads = sums.maxThreads;
        instances = sums.instances;
        completed += sums.completedDelta;
        rejected += sums.rejectedDelta;
        workerDeaths += sums.workerDeathsDelta;
        if (gauges.isEmpty()) {
            gauges.add(gauge("threadhound.executor.pool.size", "Worker threads now", l -> l.poolSize));
            gauges.add(gauge("threadhound.executor.active.threads", "Workers running a task now", l -> l.active));
            gauges.add(gauge("threadhound.executor.queued.tasks", "Tasks waiting in the queue now", l -> l.queued));
            gauges.add(gauge("threadhound.executor.instances", "Live executors reported under this name",
                    l -> l.instances));
        }
        // Only a bounded pool has a ceiling; an unbounded one exports no max rather than a made-up number.
        if (sums.bounded && maxGauge == null) {
            maxGauge = Gauge.builder("threadhound.executor.pool.max", this, l -> l.maxThreads)
                    .description("Most worker threads the executors may have").baseUnit("threads")
                    .tag("executor", label).register(registry);
        } else if (!sums.bounded && maxGauge != null) {
            registry.remove(maxGauge);
            maxGauge = null;
        }
    }

    /** No live executor carries the label any more: its load gauges go, its totals stay. */
    void gone() {
        gauges.forEach(registry::remove);
        gauges.clear();
        if (maxGauge != null) {
            registry.remove(maxGauge);
            maxGauge = null;
        }
    }

    private Meter gauge(String name, String description, java.util.function.ToDoubleFunction<ExecutorLoad> value) {
        return Gauge.builder(name, this, value).description(description).tag("executor", label).register(registry);
    }

    /** Sums over the live executors sharing one label in one snapshot. */
    static final class ExecutorSums {
        long poolSize;
        long active;
        long queued;
        long maxThreads;
        long instances;
        long completedDelta;
        long rejectedDelta;
        long workerDeathsDelta;
        boolean bounded = true;
    }
}
