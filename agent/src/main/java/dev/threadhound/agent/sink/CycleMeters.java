package dev.threadhound.agent.sink;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * What threadhound itself costs: {@code threadhound_cycle_seconds} (a summary of the detector cycles' wall time,
 * with its recent maximum) and {@code threadhound_cycle_cpu_seconds_total} (the CPU time they used). Idle CPU of
 * the agent per minute is {@code rate(threadhound_cycle_cpu_seconds_total[1m]) * 60}.
 */
final class CycleMeters implements CycleCostListener {

    private final Timer wall;
    private final DoubleAdder cpuSeconds = new DoubleAdder();

    CycleMeters(MeterRegistry registry) {
        this.wall = Timer.builder("threadhound.cycle")
                .description("Wall time of the detector cycles: snapshot, detectors and sinks")
                .register(registry);
        FunctionCounter.builder("threadhound.cycle.cpu", cpuSeconds, DoubleAdder::sum)
                .description("CPU time the detector cycles used")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void cycleDone(long wallNanos, long cpuNanos) {
        wall.record(wallNanos, TimeUnit.NANOSECONDS);
        if (cpuNanos >= 0) {
            cpuSeconds.add(cpuNanos / 1e9);
        }
    }
}
