package dev.threadhound.agent.sink;

import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's bound: at most 100 distinct executor and lock values per JVM, the rest under "other". */
class CardinalityTest {

    private static final Pattern EXECUTOR = Pattern.compile("executor=\"([^\"]*)\"");
    private static final Pattern LOCK = Pattern.compile("lock=\"([^\"]*)\"");

    @Test
    void thousandExecutorsExportAtMost101ExecutorValues() {
        MetricsSink sink = new MetricsSink();
        List<ExecutorRecord> executors = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            executors.add(SinkFixtures.executor("TPE@" + i, "pool-" + i + "-thread-", 1, 1, 1, 1, i, 0));
            sink.taskTimings().taskTimed("pool-" + i + "-thread-", 1_000, 1_000);
        }
        sink.publish(new Snapshot(SinkFixtures.TAKEN_AT, List.of(), List.of(), executors, List.of(), List.of()),
                List.of());

        String text = sink.registry().scrape();
        Set<String> values = values(EXECUTOR, text);

        assertThat(values).hasSize(101).contains("other", "pool-0-thread-", "pool-99-thread-")
                .doesNotContain("pool-100-thread-");
        // The 900 that did not get their own label are all counted under "other".
        assertThat(text).contains("threadhound_executor_instances{executor=\"other\"} 900.0");
        assertThat(text).contains("threadhound_executor_task_run_seconds_count{executor=\"other\"} 900");
    }

    @Test
    void aLaterExecutorNeverTakesTheSlotOfOneThatWentAway() {
        MetricsSink sink = new MetricsSink();
        for (int round = 0; round < 10; round++) {
            List<ExecutorRecord> executors = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String name = "batch-" + round + "-" + i + "-";
                executors.add(SinkFixtures.executor("TPE@" + round + "/" + i, name, 1, 0, 1, 0, 1, 0));
            }
            sink.publish(new Snapshot(SinkFixtures.TAKEN_AT, List.of(), List.of(), executors, List.of(), List.of()),
                    List.of());
        }

        assertThat(values(EXECUTOR, sink.registry().scrape())).hasSize(101);
    }

    @Test
    void thousandLockClassesExportAtMost101LockValues() {
        MetricsSink sink = new MetricsSink();
        for (int i = 0; i < 1000; i++) {
            sink.lockWaits().lockWaited("com.acme.Lock" + i, i % 2 == 0 ? "monitor" : "park", 1_000_000);
        }

        String text = sink.registry().scrape();

        assertThat(values(LOCK, text)).hasSize(101).contains("other");
        assertThat(text).contains("threadhound_lock_waits_total{kind=\"park\",lock=\"other\"} 450.0");
    }

    private static Set<String> values(Pattern label, String text) {
        Set<String> values = new TreeSet<>();
        Matcher m = label.matcher(text);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }
}
