package dev.threadhound.agent.prove;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Proofs of real threads of this JVM, by real heap dumps of it. */
class ProofsTest {

    private final List<Thread> started = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000);

    @AfterEach
    void stop() {
        started.forEach(Thread::interrupt);
    }

    /** A consumer of a SynchronousQueue that no one else knows. */
    private ThreadRecord lostConsumer(String name) throws InterruptedException {
        Thread t = new Thread(() -> {
            try {
                new SynchronousQueue<String>().take();
            } catch (InterruptedException e) {
                // the test is over
            }
        }, name);
        t.setDaemon(true);
        t.start();
        started.add(t);
        while (t.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        List<String> stack = Arrays.stream(t.getStackTrace()).map(StackTraceElement::toString).toList();
        return new ThreadRecord(t.getId(), name, false, true, "WAITING", stack, null, -1, null, 0, 1, -1,
                List.of(), -1, null, now.get());
    }

    private static Finding leak(ThreadRecord t) {
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "thread " + t.name() + " waiting for 30s")
                .threads(List.of(FindingThread.of(t))).durationMs(30_000).count(1).build();
    }

    private Snapshot snapshot(ThreadRecord... threads) {
        return Snapshot.ofThreads(now.get(), List.of(threads));
    }

    @Test
    void onDemandAProvenLeakBecomesCriticalAndTheDumpIsDeleted() throws Exception {
        Set<String> before = proveFolders();
        ThreadRecord consumer = lostConsumer("proofs-lost-1");
        Proofs proofs = new Proofs(4L << 30, false, now::get);
        List<Finding> findings = List.of(leak(consumer));

        assertThat(proofs.annotate(snapshot(consumer), findings)).as("no proof is taken by itself").isEqualTo(findings);
        Finding proven = proofs.proveNow().get(0);

        assertThat(proven.proven()).isTrue();
        assertThat(proven.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(proofs.annotate(snapshot(consumer), findings).get(0).proven()).as("kept for the same wait").isTrue();
        assertThat(proveFolders()).as("the heap dump and its folder are gone").isEqualTo(before);
    }

    @Test
    void aVerdictEndsWithTheWait() throws Exception {
        ThreadRecord consumer = lostConsumer("proofs-lost-2");
        Proofs proofs = new Proofs(4L << 30, false, now::get);
        proofs.annotate(snapshot(consumer), List.of(leak(consumer)));
        proofs.proveNow();
        ThreadRecord wokeAndWaitsAgain = new ThreadRecord(consumer.id(), consumer.name(), false, true, "WAITING",
                consumer.stack(), null, -1, null, 0, 2, -1, List.of(), -1, null, now.get());

        assertThat(proofs.annotate(snapshot(wokeAndWaitsAgain), List.of(leak(wokeAndWaitsAgain))).get(0).proven()).isNull();
    }

    @Test
    void automaticProofsRunAtMostOnceAMinute() throws Exception {
        ThreadRecord first = lostConsumer("proofs-lost-3");
        Proofs proofs = new Proofs(4L << 30, true, now::get);

        awaitProven(proofs, first);
        ThreadRecord second = lostConsumer("proofs-lost-4");
        Thread.sleep(1_500);
        assertThat(proofs.annotate(snapshot(first, second), List.of(leak(first), leak(second))))
                .extracting(Finding::proven).as("the second waits for the next minute").containsExactly(true, null);

        now.addAndGet(Proofs.EVERY.toMillis());
        awaitProven(proofs, second, first);
    }

    @Test
    void aHeapAboveTheLimitIsRefusedWithOneLine() throws Exception {
        ThreadRecord consumer = lostConsumer("proofs-lost-5");
        Proofs proofs = new Proofs(1, false, now::get);
        proofs.annotate(snapshot(consumer), List.of(leak(consumer)));

        assertThatThrownBy(proofs::proveNow).isInstanceOf(ProofRefused.class)
                .hasMessageMatching("the heap in use \\(\\d+ MB\\) is above prove's limit \\(0 MB\\); raise it with"
                        + " prove=<size>, such as prove=1g");
    }

    @Test
    void withoutCandidatesThereIsNothingToProve() {
        Proofs proofs = new Proofs(4L << 30, false, now::get);
        proofs.annotate(snapshot(), List.of());

        assertThatThrownBy(proofs::proveNow).isInstanceOf(ProofRefused.class).hasMessageStartingWith("nothing to prove");
    }

    private void awaitProven(Proofs proofs, ThreadRecord... threads) throws InterruptedException {
        List<Finding> leaks = Arrays.stream(threads).map(ProofsTest::leak).toList();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Finding> out = proofs.annotate(snapshot(threads), leaks);
            if (out.stream().allMatch(f -> Boolean.TRUE.equals(f.proven()))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not proven within a minute: " + Arrays.toString(threads));
    }

    private static Set<String> proveFolders() {
        File[] files = new File(System.getProperty("java.io.tmpdir")).listFiles((dir, name) -> name.startsWith("threadhound-prove-"));
        return files == null ? Set.of() : Arrays.stream(files).map(File::getName).collect(Collectors.toSet());
    }
}
