package dev.threadhound.report;

import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadNameKind;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot as the agent's MBean hands it to the JUnit extension: written and read back as JSON, with what the
 * snapshot learned from earlier ones left out (it means nothing to a reader of one snapshot).
 */
class SnapshotJsonTest {

    @Test
    void aCarriedSnapshotRoundTripsWithoutItsHistory() throws Exception {
        ThreadRecord consumer = new ThreadRecord(7, "consumer", false, true, "WAITING",
                List.of("com.acme.Consumer.run(Consumer.java:40)"), "java.lang.Object@1", -1, null, 0, 3, 1_000,
                List.of(), -1, null, 0).withIdentity("java.lang.Thread@7");
        Snapshot first = Progress.carry(null, Snapshot.ofThreads(1_000, List.of(consumer)));
        Snapshot carried = Progress.carry(first, Snapshot.ofThreads(2_000, List.of(consumer)));

        String json = Json.write(carried);
        Snapshot read = Json.readSnapshot(json);

        assertThat(json).doesNotContain("history", "lockSamples", "nameKind");
        assertThat(read.takenAt()).isEqualTo(2_000);
        assertThat(read.threads()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("consumer");
            assertThat(t.identity()).isEqualTo("java.lang.Thread@7");
            assertThat(t.stalledSince()).isEqualTo(1_000);
            assertThat(t.history().learned().longestByPlace()).isEmpty();
        });
    }

    @Test
    void whatAThreadsNameSaysIsWorkedOutAgainWhenRead() throws Exception {
        Snapshot jvm = Snapshot.ofThreads(1_000, List.of(ThreadRecord.of(2, "Reference Handler", "RUNNABLE", List.of()),
                ThreadRecord.of(3, "threadhound-loop", "TIMED_WAITING", List.of()),
                ThreadRecord.of(4, "consumer", "WAITING", List.of())));

        Snapshot read = Json.readSnapshot(Json.write(jvm));

        assertThat(read.threads()).extracting(ThreadRecord::nameKind)
                .containsExactly(ThreadNameKind.SYSTEM, ThreadNameKind.AGENT, ThreadNameKind.OTHER);
    }
}
