package dev.threadhound.agent.sink;

import dev.threadhound.model.ThreadRecord;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * {@code threadhound_threads{state}}: live threads by {@link Thread.State}, virtual ones included where the
 * snapshot has them. Every state is registered up front so a state with no thread reads 0.
 */
final class ThreadStateMeters {

    private static final Thread.State[] STATES = Thread.State.values();

    private volatile long[] counts = new long[STATES.length];

    ThreadStateMeters(MeterRegistry registry) {
        for (Thread.State state : STATES) {
            int slot = state.ordinal();
            Gauge.builder("threadhound.threads", this, m -> m.counts[slot])
                    .description("Live threads by state")
                    .tag("state", state.name())
                    .register(registry);
        }
    }

    void publish(List<ThreadRecord> threads) {
        long[] next = new long[STATES.length];
        for (ThreadRecord t : threads) {
            Thread.State state = parse(t.state());
            if (state != null) {
                next[state.ordinal()]++;
            }
        }
        counts = next;
    }

    private static Thread.State parse(String name) {
        for (Thread.State state : STATES) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return null;
    }
}
