package dev.threadhound.agent.sink;

import dev.threadhound.model.Snapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.agent.sink.SinkFixtures.executor;
import static org.assertj.core.api.Assertions.assertThat;

class ExecutorMetersTest {

    private final MetricsSink sink = new MetricsSink();
    private final MeterRegistry registry = sink.registry();

    @Test
    void completedTotalNeverShrinksWhenAnExecutorSharingTheNameGoesAway() {
        publish(executor("TPE@1", "io-", 2, 1, 2, 0, 100, 1), executor("TPE@2", "io-", 2, 1, 2, 0, 50, 0));
        assertThat(completed("io-")).isEqualTo(150);

        // TPE@2 is gone; TPE@1 went on to 130.
        publish(executor("TPE@1", "io-", 2, 1, 2, 0, 130, 1));
        assertThat(completed("io-")).isEqualTo(180);
        assertThat(gauge("threadhound.executor.pool.size", "io-")).isEqualTo(2);
    }

    @Test
    void loadGaugesGoAwayWithTheLastExecutorButTheTotalsStay() {
        publish(executor("TPE@1", "batch-", 3, 2, 3, 4, 10, 0));
        assertThat(gauge("threadhound.executor.queued.tasks", "batch-")).isEqualTo(4);

        publish();

        assertThat(registry.find("threadhound.executor.queued.tasks").tag("executor", "batch-").gauge()).isNull();
        assertThat(registry.find("threadhound.executor.pool.max").tag("executor", "batch-").gauge()).isNull();
        assertThat(completed("batch-")).isEqualTo(10);
    }

    @Test
    void anUnboundedExecutorExportsNoMaximum() {
        publish(executor("TPTE@1", "vt-", 7, 7, -1, 0, 3, 0));

        assertThat(gauge("threadhound.executor.active.threads", "vt-")).isEqualTo(7);
        assertThat(registry.find("threadhound.executor.pool.max").tag("executor", "vt-").gauge()).isNull();
    }

    private void publish(dev.threadhound.model.ExecutorRecord... executors) {
        sink.publish(new Snapshot(SinkFixtures.TAKEN_AT, List.of(), List.of(), List.of(executors), List.of(), List.of()),
                List.of());
    }

    private double completed(String label) {
        FunctionCounter counter = registry.find("threadhound.executor.tasks.completed").tag("executor", label)
                .functionCounter();
        assertThat(counter).as("completed counter for " + label).isNotNull();
        return counter.count();
    }

    private double gauge(String name, String label) {
        Gauge gauge = registry.find(name).tag("executor", label).gauge();
        assertThat(gauge).as(name + " for " + label).isNotNull();
        return gauge.value();
    }
}
