package dev.threadhound.source.jfr;

import dev.threadhound.model.ContentionRecord;
import dev.threadhound.source.dump.DumpedThreads;
import dev.threadhound.source.dump.UnreadableInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JfrRecordingReaderTest {

    @Test
    void namesTheMonitorAndTheReentrantLockWithTheMethodsThatWaited() throws Exception {
        List<ContentionRecord> contention = JfrRecordingReader.read(RecordedContention.file()).snapshot().contention();

        ContentionRecord monitor = find(contention, "monitor", RecordedContention.Ledger.class.getName());
        assertThat(monitor.site().get(0)).startsWith(RecordedContention.Ledger.class.getName() + ".post(RecordedContention.java:");
        assertThat(monitor.threadCount()).isBetween(2, RecordedContention.THREADS_PER_LOCK);
        assertThat(monitor.count()).isPositive();
        assertThat(monitor.durationMs()).isGreaterThanOrEqualTo(monitor.count() * 5);

        ContentionRecord lock = find(contention, "park", "java.util.concurrent.locks.ReentrantLock");
        assertThat(lock.site().get(0)).startsWith(RecordedContention.Counter.class.getName() + ".increment(RecordedContention.java:");
        assertThat(lock.threadCount()).isBetween(2, RecordedContention.THREADS_PER_LOCK);
    }

    @Test
    void idlePoolWorkersConditionWaitsAndWaitsForAResultAreNotContention() throws Exception {
        List<ContentionRecord> contention = JfrRecordingReader.read(RecordedContention.file()).snapshot().contention();

        assertThat(contention).extracting(ContentionRecord::lock)
                .noneMatch(lock -> lock.contains("ConditionObject") || lock.contains("OwnFuture"));
        assertThat(contention).flatExtracting(ContentionRecord::site)
                .noneMatch(frame -> frame.contains("getTask") || frame.contains("condition-waiter"));
    }

    @Test
    void jettysReservedThreadsWaitingForTheirNextJobAreNotContention() throws Exception {
        List<ContentionRecord> contention = JfrRecordingReader.read(RecordedContention.file()).snapshot().contention();

        assertThat(contention).extracting(ContentionRecord::lock).doesNotContain("java.util.concurrent.Semaphore");
        assertThat(contention).flatExtracting(ContentionRecord::site)
                .noneMatch(frame -> frame.contains("org.eclipse.jetty."));
    }

    @Test
    void workersLeavingAPoolAtShutdownAreNotContention() throws Exception {
        List<ContentionRecord> contention = JfrRecordingReader.read(RecordedContention.file()).snapshot().contention();

        assertThat(RecordedContention.RETIRED_WORKERS).hasSize(RecordedContention.THREADS_PER_LOCK);
        assertThat(contention).flatExtracting(ContentionRecord::threadIds)
                .doesNotContainAnyElementsOf(RecordedContention.RETIRED_WORKERS);
    }

    @Test
    void threadsComeFromTheRecordingsThreadDumps() throws Exception {
        DumpedThreads read = JfrRecordingReader.read(RecordedContention.file());

        assertThat(read.snapshot().threads()).extracting(t -> t.name()).contains("main");
        assertThat(read.notes()).isEmpty();
    }

    @Test
    void aCutOffRecordingIsRefusedNotReadAsEmpty(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(RecordedContention.file());
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> JfrRecordingReader.read(half))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("truncated JFR recording");
    }

    private static ContentionRecord find(List<ContentionRecord> contention, String kind, String lock) {
        return contention.stream()
                .filter(c -> c.kind().equals(kind) && c.lock().equals(lock))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " contention on " + lock + " in " + contention));
    }
}
