package dev.threadhound.agent.sink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the exact Prometheus text for a small hand-made snapshot: the contract's metric names, types, labels and
 * values as Micrometer's Prometheus registry really writes them.
 */
class MetricsGoldenTest {

    @Test
    void smallSnapshotScrapesToTheGoldenText() throws IOException {
        MetricsSink sink = new MetricsSink();
        sink.publish(SinkFixtures.smallSnapshot(), SinkFixtures.findings());
        sink.taskTimings().taskTimed("io-", 2_000_000, 30_000_000);
        sink.lockWaits().lockWaited("com.acme.Ledger", "monitor", 250_000_000);
        sink.cycles().cycleDone(12_000_000, 8_000_000);

        assertThat(sink.registry().scrape()).isEqualToIgnoringNewLines(golden("small-snapshot.prom"));
    }

    @Test
    void openMetricsNamesTheCounterFamiliesWithoutTotal() {
        MetricsSink sink = new MetricsSink();
        sink.publish(SinkFixtures.smallSnapshot(), SinkFixtures.findings());

        String text = sink.registry().scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(text)
                .contains("# TYPE threadhound_executor_tasks_completed counter")
                .contains("threadhound_executor_tasks_completed_total{executor=\"io-\"} 150.0")
                .contains("threadhound_virtual_thread_pinned_total 0.0")
                .endsWith("# EOF\n");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = MetricsGoldenTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
