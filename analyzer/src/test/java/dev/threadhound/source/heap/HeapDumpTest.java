package dev.threadhound.source.heap;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.prove.Reachability;
import dev.threadhound.prove.Verdict;
import dev.threadhound.source.dump.UnreadableInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A heap dump of this very JVM, with a consumer no one can reach and one a static field keeps reachable. */
class HeapDumpTest {

    static final LinkedBlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();
    private static final Object MONITOR = new Object();

    @TempDir
    static Path dir;
    static Path file;
    /** Held weakly, so that nothing in the dump reaches the thread to interrupt it. */
    static WeakReference<Thread> lonely;
    static long lonelyId;
    static Thread listener;
    static Thread waiter;

    @BeforeAll
    static void dumpWithWaitingThreads() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        lonely = new WeakReference<>(daemon("heapdump-lonely", () -> {
            SynchronousQueue<String> handoff = new SynchronousQueue<>();
            started.countDown();
            handoff.take();
        }));
        lonelyId = lonely.get().getId();
        listener = daemon("heapdump-listener", () -> {
            started.countDown();
            EVENTS.take();
        });
        waiter = daemon("heapdump-waiter", () -> {
            Object mailbox = new Object();
            synchronized (mailbox) {
                started.countDown();
                mailbox.wait();
            }
        });
        started.await();
        awaitWaiting(lonely.get(), listener, waiter);
        file = dir.resolve("test.hprof");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
    }

    @AfterAll
    static void stop() {
        Thread left = lonely.get();
        if (left != null) {
            left.interrupt();
        }
        List.of(listener, waiter).forEach(Thread::interrupt);
    }

    @Test
    void theDumpsOwnThreadDumpGivesStatesAndStacks() throws Exception {
        try (HeapDump dump = HeapDump.open(file)) {
            ThreadRecord t = dump.snapshot().thread(lonelyId).orElseThrow();

            assertThat(t.name()).isEqualTo("heapdump-lonely");
            assertThat(t.state()).isEqualTo("WAITING");
            assertThat(t.daemon()).isTrue();
            assertThat(t.stack()).anyMatch(f -> f.startsWith("java.util.concurrent.SynchronousQueue.take("))
                    .anyMatch(f -> f.startsWith(HeapDumpTest.class.getName() + ".lambda$"));
            assertThat(t.blockedOn()).startsWith("java.util.concurrent.SynchronousQueue$");
            HeapThread heap = dump.graph().threads().stream().filter(h -> h.id() == lonelyId).findFirst().orElseThrow();
            assertThat(heap.frameRoots()).isNotEmpty();
        }
    }

    @Test
    void aConsumerOfALocalQueueIsProvenOneOfAStaticQueueIsReachableAndAThreadAFieldHoldsCanBeInterrupted() throws Exception {
        try (HeapDump dump = HeapDump.open(file)) {
            Map<Long, Verdict> verdicts = Reachability.decide(dump.graph(),
                    List.of(lonelyId, listener.getId(), waiter.getId()), Map.of());

            assertThat(verdicts.get(lonelyId).proven()).isTrue();
            // nothing reaches its mailbox, but a static field holds the thread: an interrupt ends its wait
            Verdict held = verdicts.get(waiter.getId());
            assertThat(held.proven()).isFalse();
            assertThat(held.waitsOn()).isEqualTo("java.lang.Object");
            assertThat(held.keptBy()).endsWith("HeapDumpTest.waiter", "Thread");
            Verdict listening = verdicts.get(listener.getId());
            assertThat(listening.proven()).isFalse();
            assertThat(listening.keptBy()).containsExactly("HeapDumpTest.EVENTS", "LinkedBlockingQueue.notEmpty",
                    "AbstractQueuedSynchronizer$ConditionObject");
        }
    }

    @Test
    void aMonitorIsToldApartByTheClassAThreadDumpNames() throws Exception {
        Thread blocked;
        synchronized (MONITOR) {
            blocked = daemon("heapdump-blocked", () -> {
                synchronized (MONITOR) {
                    MONITOR.notifyAll();
                }
            });
            while (blocked.getState() != Thread.State.BLOCKED) {
                Thread.sleep(5);
            }
            Path own = dir.resolve("blocked.hprof");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(own.toString(), true);
            try (HeapDump dump = HeapDump.open(own)) {
                Map<Long, Verdict> verdicts = Reachability.decide(dump.graph(), List.of(blocked.getId()),
                        Map.of(blocked.getId(), "java.lang.Object@1b6d3586"));

                assertThat(verdicts.get(blocked.getId()).proven()).as("held by a running thread, kept by a static").isFalse();
                assertThat(verdicts.get(blocked.getId()).keptBy().get(0)).isEqualTo("HeapDumpTest.MONITOR");
            }
        }
        blocked.join();
    }

    @Test
    void aTruncatedDumpIsRefusedWithOneLine() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        Path cut = Files.write(dir.resolve("cut.hprof"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> HeapDump.open(cut).close())
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("is a truncated or damaged heap dump (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread daemon(String name, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // the test is over
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitWaiting(Thread... threads) throws InterruptedException {
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(5);
            }
        }
    }
}
