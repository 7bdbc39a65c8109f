package dev.threadhound.source.dump;

import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.ExitBlockedDetector;
import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JstackReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"jstack-jdk17.txt", "jstack-jdk25.txt", "threadprint-jdk17.txt", "threadprint-jdk25.txt",
            "jstack-l-jdk17.txt", "jstack-l-jdk25.txt"})
    void eachDeadlockedThreadWaitsForTheOtherOne(String dump) throws Exception {
        Snapshot s = JstackReader.read(Dumps.text(dump), 0).snapshot();

        assertWaitsFor(s, "monitor-1", "monitor-2", "BLOCKED", "java.lang.Object@0x");
        assertWaitsFor(s, "monitor-2", "monitor-1", "BLOCKED", "java.lang.Object@0x");
        assertWaitsFor(s, "lock-1", "lock-2", "WAITING", "java.util.concurrent.locks.ReentrantLock$NonfairSync@0x");
        assertWaitsFor(s, "lock-2", "lock-1", "WAITING", "java.util.concurrent.locks.ReentrantLock$NonfairSync@0x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jstack-jdk17.txt", "jstack-l-jdk25.txt"})
    void monitorOwnersAreFoundFromLockedLinesEvenWithoutTheDeadlockSection(String dump) throws Exception {
        Snapshot s = JstackReader.read(withoutDeadlockSection(Dumps.text(dump)), 0).snapshot();

        assertWaitsFor(s, "monitor-1", "monitor-2", "BLOCKED", "java.lang.Object@0x");
    }

    @Test
    void ownableSynchronizersGiveTheOwnerOfAReentrantLock() throws Exception {
        Snapshot s = JstackReader.read(withoutDeadlockSection(Dumps.text("jstack-l-jdk25.txt")), 0).snapshot();

        assertWaitsFor(s, "lock-1", "lock-2", "WAITING", "java.util.concurrent.locks.ReentrantLock$NonfairSync@0x");
    }

    @Test
    void withoutMinusLAndWithoutTheDeadlockSectionAReentrantLockHasNoKnownOwner() throws Exception {
        Snapshot s = JstackReader.read(withoutDeadlockSection(Dumps.text("jstack-jdk25.txt")), 0).snapshot();

        ThreadRecord lock1 = named(s, "lock-1");
        assertThat(lock1.blockedOn()).startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@0x");
        assertThat(lock1.ownerId()).isEqualTo(-1);
    }

    @Test
    void framesReadAsStackTraceElementsAndVmThreadsAreLeftOut() throws Exception {
        Snapshot s = JstackReader.read(Dumps.text("jstack-jdk17.txt"), 0).snapshot();

        ThreadRecord monitor1 = named(s, "monitor-1");
        assertThat(monitor1.id()).isEqualTo(12);
        assertThat(monitor1.daemon()).isTrue();
        assertThat(monitor1.stack()).startsWith("DeadlockDemo.monitors(DeadlockDemo.java:15)", "DeadlockDemo.lambda$main$0(DeadlockDemo.java:6)");
        assertThat(monitor1.stack()).endsWith("java.base/java.lang.Thread.run(Thread.java:840)");
        assertThat(s.threads()).extracting(ThreadRecord::name).contains("main", "Finalizer").doesNotContain("GC Thread#0", "VM Thread");
        assertThat(s.threads()).hasSize(16);
        assertThat(s.takenAt()).isEqualTo(LocalDateTime.of(2026, 11, 23, 7, 32, 24).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
    }

    @Test
    void objectWaitIsNotAWaitForAnOwner() throws Exception {
        ThreadRecord finalizer = named(JstackReader.read(Dumps.text("jstack-jdk25.txt"), 0).snapshot(), "Finalizer");

        assertThat(finalizer.state()).isEqualTo("WAITING");
        assertThat(finalizer.blockedOn()).startsWith("java.lang.ref.ReferenceQueue$Lock@0x");
        assertThat(finalizer.ownerId()).isEqualTo(-1);
    }

    @Test
    void textWithoutThreadsIsRefused() {
        assertThatThrownBy(() -> JstackReader.read("2026-11-23 07:32:24\nFull thread dump OpenJDK\n\n", 0))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("no Java thread found");
        assertThat(JstackReader.looksLikeDump("hello\nworld\n")).isFalse();
        assertThat(JstackReader.looksLikeDump(Dumps.text("threadprint-jdk25.txt"))).isTrue();
    }

    private static void assertWaitsFor(Snapshot s, String waiter, String owner, String state, String lockPrefix) {
        ThreadRecord w = named(s, waiter);
        ThreadRecord o = named(s, owner);
        assertThat(w.state()).isEqualTo(state);
        assertThat(w.blockedOn()).startsWith(lockPrefix);
        assertThat(w.ownerId()).as("owner of what %s waits for", waiter).isEqualTo(o.id());
        assertThat(w.ownedBy()).isEqualTo(owner);
    }

    static ThreadRecord named(Snapshot s, String name) {
        return s.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String withoutDeadlockSection(String dump) {
        int cut = dump.indexOf("Found one Java-level deadlock");
        assertThat(cut).isPositive();
        return dump.substring(0, cut);
    }

    /** A program whose main returned while a thread and a Timer it started keep the JVM up, dumped 3 s later. */
    @ParameterizedTest
    @ValueSource(strings = {"main-ended-jdk17.txt", "main-ended-jdk25.txt"})
    void aDumpSaysHowLongMainHasBeenGoneAndWhatKeepsTheJvmUp(String dump) throws Exception {
        Snapshot s = JstackReader.read(Dumps.text(dump), 0).snapshot();

        ThreadRecord destroy = s.threads().stream().filter(t -> t.name().equals("DestroyJavaVM")).findFirst().orElseThrow();
        assertThat(s.takenAt() - destroy.startedAt()).isBetween(3_000L, 3_500L);
        List<Finding> findings = new ExitBlockedDetector().detect(s, DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(2)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.threads()).extracting(t -> t.name()).containsExactly("report-flusher", "batch-progress");
            assertThat(f.summary()).contains("end or make daemon thread report-flusher (WAITING",
                    "cancel the Timer of thread batch-progress");
        });
        assertThat(new ExitBlockedDetector().detect(s, DetectOptions.defaults())).as("3 s is less than 30 s").isEmpty();
    }
}
