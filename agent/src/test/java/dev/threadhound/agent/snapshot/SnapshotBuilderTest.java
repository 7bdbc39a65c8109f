package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.ProgressCarrier;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static dev.threadhound.agent.Waits.await;
import static dev.threadhound.agent.Waits.awaitState;
import static dev.threadhound.agent.Waits.collected;
import static dev.threadhound.agent.Waits.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe and the snapshot builder together, driven by hand as the advice would drive them: what the JDK
 * reports becomes the model the detectors read.
 */
class SnapshotBuilderTest {

    private final ThreadRegistry threads = new ThreadRegistry();
    private final ExecutorRegistry executors = new ExecutorRegistry();
    private final TaskSites sites = new TaskSites();
    private final RecordingProbe probe = new RecordingProbe(threads, executors, sites);
    private final SnapshotBuilder builder = new SnapshotBuilder(threads, executors, sites);
    private final CountDownLatch release = new CountDownLatch(1);
    private ThreadPoolExecutor pool;

    @AfterEach
    void release() {
        release.countDown();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void aStartedThreadCarriesItsCreationSite() throws Exception {
        Thread t = new Thread(this::awaitRelease, "stuck-here");
        probe.threadStarting(t);
        t.start();
        awaitState(t, Thread.State.WAITING);

        Snapshot first = builder.build(false);
        ThreadRecord record = first.thread(t.getId()).orElseThrow();
        assertThat(record.createdAt()).first().asString()
                .contains("SnapshotBuilderTest.aStartedThreadCarriesItsCreationSite");
        assertThat(record.createdBy()).isEqualTo(Thread.currentThread().getId());
        assertThat(record.stack()).as("cheap scan: no stack the first time a thread is seen waiting").isEmpty();

        ThreadRecord again = builder.build(false).thread(t.getId()).orElseThrow();
        assertThat(again.stack()).as("still waiting with the same counts: now worth a stack")
                .anyMatch(f -> f.contains("SnapshotBuilderTest.awaitRelease"));
        assertThat(again.blockedOn()).startsWith("java.util.concurrent.CountDownLatch$Sync@");
    }

    @Test
    void threadsStartedAtOneSiteShareOneCreationSite() throws Exception {
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(startParked("same-site-" + i));
        }
        for (Thread t : started) {
            awaitState(t, Thread.State.WAITING);
        }

        Snapshot snapshot = builder.build(false);
        List<ThreadRecord> records = started.stream().map(t -> snapshot.thread(t.getId()).orElseThrow()).toList();
        assertThat(records.get(0).createdAt()).anyMatch(f -> f.contains("threadsStartedAtOneSiteShareOneCreationSite"));
        assertThat(records.get(1).createdAt()).isSameAs(records.get(0).createdAt());
        assertThat(records.get(2).createdAt()).isSameAs(records.get(0).createdAt());
    }

    @Test
    void aThreadThatEndedWithoutItsEndBeingSeenIsNotHeldBySnapshotsAfterIt() throws Exception {
        Thread stays = startParked("stays");
        CountDownLatch end = new CountDownLatch(1);
        Thread ends = new Thread(() -> await(end), "ends-unseen");
        probe.threadStarting(ends);
        ends.start();
        awaitState(stays, Thread.State.WAITING);
        awaitState(ends, Thread.State.WAITING);
        builder.build(false);
        assertThat(builder.build(false).thread(ends.getId())).isPresent();
        // no end hook in this test: the registry learns of the end only from the thread's state
        end.countDown();
        ends.join();

        WeakReference<Thread> gone = new WeakReference<>(ends);
        ends = null;
        for (int i = 0; i < 3; i++) {
            assertThat(builder.build(false).threads()).noneMatch(r -> r.name().equals("ends-unseen"));
        }
        assertThat(collected(gone)).as("neither the registry nor the builder keeps an ended thread").isTrue();
        assertThat(builder.build(false).thread(stays.getId())).isPresent();
    }

    @Test
    void aThreadTheProbeDidNotSeeStartIsFoundAtOnceEvenIfAnotherEndedMeanwhile() throws Exception {
        Thread tracked = startParked("tracked");
        awaitState(tracked, Thread.State.WAITING);
        builder.build(false);
        builder.build(false);

        Thread appeared = new Thread(this::awaitRelease, "not-seen-starting");
        appeared.setDaemon(true);
        appeared.start();
        awaitState(appeared, Thread.State.WAITING);
        assertThat(builder.build(false).thread(appeared.getId()))
                .as("one more live thread than the last scan knew of: looked for at once").isPresent();

        // one tracked thread ends as an untracked one starts: the JVM's count of threads stays as it was
        CountDownLatch swap = new CountDownLatch(1);
        Thread ending = new Thread(() -> await(swap), "ends");
        probe.threadStarting(ending);
        ending.start();
        awaitState(ending, Thread.State.WAITING);
        builder.build(false);
        Thread other = new Thread(this::awaitRelease, "also-not-seen-starting");
        other.setDaemon(true);
        swap.countDown();
        ending.join();
        other.start();
        awaitState(other, Thread.State.WAITING);
        assertThat(builder.build(false).thread(other.getId()))
                .as("the JVM's count of started threads grew by one the probe did not see: looked for at once")
                .isPresent();
    }

    @Test
    void aThreadTakenForAnUntrackedOneIsListedOnceWhenTheRegistryHasItAfterAll() throws Exception {
        Thread tracked = startParked("tracked");
        awaitState(tracked, Thread.State.WAITING);
        builder.build(false);
        // as a thread the registry held while still NEW, but alive by the time the JVM listed its threads
        Thread late = new Thread(this::awaitRelease, "registered-late");
        late.setDaemon(true);
        late.start();
        awaitState(late, Thread.State.WAITING);
        assertThat(builder.build(false).thread(late.getId())).as("taken for an untracked thread").isPresent();

        probe.threadStarting(late);
        // and another thread starts meanwhile: the JVM's count is the tracked ones plus the untracked of the last scan
        Thread other = new Thread(this::awaitRelease, "not-seen-starting");
        other.setDaemon(true);
        other.start();
        awaitState(other, Thread.State.WAITING);
        for (int cycle = 0; cycle < PlatformThreads.UNTRACKED_EVERY; cycle++) {
            Snapshot snapshot = builder.build(false);
            assertThat(snapshot.threads()).filteredOn(t -> t.id() == late.getId()).as("cycle %d", cycle)
                    .singleElement().satisfies(t -> assertThat(t.createdAt()).isNotEmpty());
        }
    }

    @Test
    void manyNewSuspectsGetTheirStacksOverSeveralCyclesOneOfEachKindFirst() throws Exception {
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            crowd.add(startParked("crowd-" + i));
        }
        Thread loner = new Thread(this::awaitRelease, "loner");
        probe.threadStarting(loner);
        loner.start();
        for (Thread t : crowd) {
            awaitState(t, Thread.State.WAITING);
        }
        awaitState(loner, Thread.State.WAITING);

        builder.build(false);
        Snapshot suspects = builder.build(false);
        assertThat(suspects.thread(loner.getId()).orElseThrow().stack())
                .as("the only thread of its kind goes first").isNotEmpty();
        for (int cycle = 0; cycle < 200 && !allHaveStacks(suspects, crowd); cycle++) {
            suspects = builder.build(false);
        }
        assertThat(allHaveStacks(suspects, crowd)).as("every stack taken within 200 cycles").isTrue();
        assertThat(suspects.thread(crowd.get(299).getId()).orElseThrow().stack())
                .as("identical stacks are one list").isSameAs(suspects.thread(crowd.get(0).getId()).orElseThrow().stack());
    }

    @Test
    void aCrowdParkedAlikeGetsTheStackOfTheFirstOnesLookedAtWithoutALookEachUntilAToolAsksForEvery() throws Exception {
        List<Thread> crowd = new ArrayList<>();
        Snapshot snapshot = null;
        long lookedAtFirst = 0;
        for (int wave : new int[] {20, 300}) {
            // one line, so that both waves are started at one site
            crowd.addAll(startCrowd(wave, i -> this::awaitRelease));
            snapshot = builder.build(false);
            for (int cycle = 0; cycle < 10 && !allHaveStacks(snapshot, crowd); cycle++) {
                snapshot = builder.build(false);
            }
            assertThat(allHaveStacks(snapshot, crowd)).as("every stack known within 10 cycles").isTrue();
            lookedAtFirst = lookedAtFirst == 0 ? builder.stacksTaken() : lookedAtFirst;
        }
        List<String> first = snapshot.thread(crowd.get(0).getId()).orElseThrow().stack();
        assertThat(first).anyMatch(f -> f.contains("awaitRelease"));
        for (Thread t : crowd) {
            assertThat(snapshot.thread(t.getId()).orElseThrow().stack()).isSameAs(first);
        }
        long looked = builder.stacksTaken();
        assertThat(looked - lookedAtFirst).as("stacks taken for 300 more threads like the first 20").isLessThan(100);

        builder.build(true);
        assertThat(builder.stacksTaken() - looked).as("a tool asking for every stack takes the ones stood in for")
                .isGreaterThanOrEqualTo(300 - (looked - lookedAtFirst));
    }

    @Test
    void threadsAlikeWhoseStacksDifferAreEachLookedAt() throws Exception {
        List<Thread> crowd = startCrowd(300, i -> i % 2 == 0 ? this::awaitRelease : this::awaitReleaseElsewhere);
        Snapshot snapshot = builder.build(false);
        for (int cycle = 0; cycle < 200 && !allHaveStacks(snapshot, crowd); cycle++) {
            snapshot = builder.build(false);
        }
        assertThat(allHaveStacks(snapshot, crowd)).as("every stack taken within 200 cycles").isTrue();
        for (int i = 0; i < crowd.size(); i++) {
            boolean elsewhere = snapshot.thread(crowd.get(i).getId()).orElseThrow().stack().stream()
                    .anyMatch(f -> f.contains("awaitReleaseElsewhere"));
            assertThat(elsewhere).as("thread %d shows where it waits itself", i).isEqualTo(i % 2 == 1);
        }
    }

    /** Threads started at one site, each running {@code work.apply(i)}, all parked by the time it returns. */
    private List<Thread> startCrowd(int n, java.util.function.IntFunction<Runnable> work) throws InterruptedException {
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(work.apply(i), "crowd-" + i);
            t.setDaemon(true);
            probe.threadStarting(t);
            t.start();
            crowd.add(t);
        }
        for (Thread t : crowd) {
            awaitState(t, Thread.State.WAITING);
        }
        return crowd;
    }

    @Test
    void threadsParkedOnOneLatchShareOneLockNameAndKeepTheirRecordsWhileNothingMoves() throws Exception {
        List<Thread> crowd = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            crowd.add(startParked("latched-" + i));
        }
        for (Thread t : crowd) {
            awaitState(t, Thread.State.WAITING);
        }
        builder.build(false);
        builder.build(false);
        Snapshot before = builder.build(false);
        Snapshot after = builder.build(false);

        List<ThreadRecord> records = crowd.stream().map(t -> after.thread(t.getId()).orElseThrow()).toList();
        assertThat(records.get(0).blockedOn()).startsWith("java.util.concurrent.CountDownLatch$Sync@");
        assertThat(records).allSatisfy(r -> assertThat(r.blockedOn())
                .as("one string for the one latch, however many threads wait on it")
                .isSameAs(records.get(0).blockedOn()));
        for (Thread t : crowd) {
            assertThat(after.thread(t.getId()).orElseThrow())
                    .as("read again exactly as before: the same record, no new one")
                    .isSameAs(before.thread(t.getId()).orElseThrow());
        }

        release.countDown();
        for (Thread t : crowd) {
            t.join(5_000);
        }
        assertThat(builder.build(false).threads()).extracting(ThreadRecord::id)
                .doesNotContainAnyElementsOf(crowd.stream().map(Thread::getId).toList());
    }

    @Test
    void aThreadThatStaysPutIsOneRecordInMemoryTheOneProgressCarriedOver() throws Exception {
        Thread t = startParked("stays-put");
        awaitState(t, Thread.State.WAITING);
        ProgressCarrier progress = new ProgressCarrier();
        Snapshot made = null;
        Snapshot carried = null;
        for (int cycle = 0; cycle < 3; cycle++) {
            // as the detection loop does it: its stack is taken in one of these, a new record then
            made = builder.build(false);
            carried = progress.carry(made);
            builder.adopt(made.threads(), carried.threads());
        }
        ThreadRecord kept = carried.thread(t.getId()).orElseThrow();
        assertThat(kept.stalledSince()).as("progress's record, with what progress knows").isPositive();

        Snapshot next = builder.build(false);

        assertThat(next.thread(t.getId()).orElseThrow())
                .as("the snapshot hands on the record progress carried over, not one of its own besides it")
                .isSameAs(kept);
        assertThat(progress.carry(next).thread(t.getId()).orElseThrow()).isSameAs(kept);
    }

    @Test
    void aParkedThreadAnotherJoinedCarriesItsIdentityFromThenOnAndOneNobodyJoinsNone() throws Exception {
        Thread joined = startParked("joined");
        Thread alone = startParked("alone");
        Thread stopper = new Thread(() -> {
            try {
                while (joined.isAlive()) {
                    joined.join(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stopper");
        stopper.setDaemon(true);
        probe.threadStarting(stopper);
        stopper.start();
        awaitState(joined, Thread.State.WAITING);
        awaitState(alone, Thread.State.WAITING);
        awaitState(stopper, Thread.State.TIMED_WAITING);

        Snapshot snapshot = builder.build(false);
        String identity = joined.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(joined));
        assertThat(snapshot.thread(stopper.getId()).orElseThrow().blockedOn()).isEqualTo(identity);
        assertThat(snapshot.thread(joined.getId()).orElseThrow().identity())
                .as("a join waits on the thread itself: its record names it so").isEqualTo(identity);
        assertThat(snapshot.thread(alone.getId()).orElseThrow().identity()).isNull();

        stopper.interrupt();
        stopper.join(5_000);
        // once joined, always named: a stop() that joins 100 ms at a time can be caught between two joins
        assertThat(builder.build(false).thread(joined.getId()).orElseThrow().identity()).isEqualTo(identity);
        assertThat(builder.build(false).thread(alone.getId()).orElseThrow().identity()).isNull();
    }

    private static boolean allHaveStacks(Snapshot snapshot, List<Thread> threads) {
        return threads.stream().allMatch(t -> !snapshot.thread(t.getId()).orElseThrow().stack().isEmpty());
    }

    /** A thread parked until the test ends, started as the Thread.start advice would report it. */
    private Thread startParked(String name) {
        Thread t = new Thread(this::awaitRelease, name);
        t.setDaemon(true);
        probe.threadStarting(t);
        t.start();
        return t;
    }

    @Test
    void aThreadParkedForLongThatWakesAndWaitsAgainIsSeenMovingWithinAQuarterOfTheCyclesItWasParked() throws Exception {
        Object lock = new Object();
        Thread waiter = new Thread(() -> {
            synchronized (lock) {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "woken-rarely");
        waiter.setDaemon(true);
        probe.threadStarting(waiter);
        waiter.start();
        try {
            awaitState(waiter, Thread.State.WAITING);
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            int parkedCycles = 64;
            for (int i = 0; i < parkedCycles; i++) {
                builder.build(false);
            }
            long waitedBefore = builder.build(false).thread(waiter.getId()).orElseThrow().waitedCount();
            assertThat(waitedBefore).isEqualTo(mx.getThreadInfo(waiter.getId()).getWaitedCount());

            synchronized (lock) {
                lock.notifyAll();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (mx.getThreadInfo(waiter.getId()).getWaitedCount() == waitedBefore && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            awaitState(waiter, Thread.State.WAITING);
            int cycles = 0;
            long waited = waitedBefore;
            while (waited == waitedBefore && cycles < 100) {
                cycles++;
                waited = builder.build(false).thread(waiter.getId()).orElseThrow().waitedCount();
            }
            assertThat(waited).as("the wake-up and the new wait are seen").isGreaterThan(waitedBefore);
            assertThat(cycles).as("seen within a quarter of the %d cycles it had been parked", parkedCycles)
                    .isBetween(1, parkedCycles / 4);
        } finally {
            waiter.interrupt();
        }
    }

    @Test
    void aThreadInterruptedBackIntoTheSameLatchKeepsItsStackWithoutAnotherLook() throws Exception {
        Thread retrier = new Thread(() -> {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException e) {
                    // retried, as a task asked to stop by a timer's stop() may
                }
            }
        }, "retrying-await");
        retrier.setDaemon(true);
        probe.threadStarting(retrier);
        retrier.start();
        awaitState(retrier, Thread.State.WAITING);
        cycleAsTheLoop();
        cycleAsTheLoop();
        assertThat(cycleAsTheLoop().thread(retrier.getId()).orElseThrow().stack()).isNotEmpty();
        // its own look, not the count of all: this test's thread, waiting for each cycle's result on a new future, is
        // looked at now and then, and threads of other tests may be too
        StackCache.Entry entry = (StackCache.Entry) threads.get(retrier).memory();
        long looked = entry.scanTaken();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            long waited = mx.getThreadInfo(retrier.getId()).getWaitedCount();
            retrier.interrupt();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (mx.getThreadInfo(retrier.getId()).getWaitedCount() == waited && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            awaitState(retrier, Thread.State.WAITING);
            ThreadRecord seen = cycleAsTheLoop().thread(retrier.getId()).orElseThrow();
            assertThat(seen.waitedCount()).as("woken %d times", i + 1).isGreaterThan(waited);
            assertThat(seen.stack()).as("woken %d times", i + 1)
                    .anyMatch(frame -> frame.contains("CountDownLatch.await"));
        }
        assertThat(entry.scanTaken()).as("the scan its kept stack was taken in").isEqualTo(looked);
    }

    /** A periodic cycle on a thread named as the agent's loop: the thread running it is not looked at. */
    private Snapshot cycleAsTheLoop() throws Exception {
        java.util.concurrent.FutureTask<Snapshot> cycle =
                new java.util.concurrent.FutureTask<>(() -> builder.build(false));
        new Thread(cycle, "threadhound-loop").start();
        return cycle.get();
    }

    @Test
    void aDeadConsumerLeavesWhatItWaitedOnToCompareWithItsStuckProducer() throws Exception {
        ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(1);
        CountDownLatch seen = new CountDownLatch(1);
        CountDownLatch die = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            try {
                queue.take();
                seen.await();
                queue.take();
                die.await();
            } catch (InterruptedException e) {
                return;
            }
            NullPointerException npe = new NullPointerException("no item");
            probe.threadDied(Thread.currentThread(), npe);
        }, "consumer");
        probe.threadStarting(consumer);
        consumer.start();
        awaitState(consumer, Thread.State.WAITING);
        builder.build(false);
        builder.build(false);
        queue.put(1);
        seen.countDown();
        queue.put(2);
        die.countDown();
        consumer.join(5_000);

        queue.put(3);
        Thread producer = new Thread(() -> {
            try {
                queue.put(4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer");
        probe.threadStarting(producer);
        long started = System.currentTimeMillis();
        producer.start();
        awaitState(producer, Thread.State.WAITING);
        try {
            Snapshot s = builder.build(false);

            ThreadRecord stuck = s.thread(producer.getId()).orElseThrow();
            assertThat(stuck.startedAt()).isBetween(started - 1_000, System.currentTimeMillis());
            assertThat(stuck.blockedOn()).startsWith("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@");
            assertThat(stuck.blockerLock()).as("the queue's lock, not the condition")
                    .startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
            assertThat(s.deaths()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("consumer");
                assertThat(d.exception()).isEqualTo("java.lang.NullPointerException: no item");
                assertThat(d.at()).first().asString().contains("aDeadConsumerLeavesWhatItWaitedOn");
                assertThat(d.createdAt()).first().asString().contains("aDeadConsumerLeavesWhatItWaitedOn");
                assertThat(d.waitedOn()).anySatisfy(w -> {
                    assertThat(w.lock()).isEqualTo(stuck.blockerLock());
                    assertThat(w.blocker()).as("notEmpty, where the producer waits on notFull").isNotEqualTo(stuck.blockedOn());
                });
            });
        } finally {
            producer.interrupt();
        }
    }

    @Test
    void aPoolWorkerThatDiesIsCountedForItsPool() throws Exception {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker);
        probe.executorCreated(pool);
        blocking = () -> {
            probe.workerStarted(pool, Thread.currentThread());
            probe.threadDied(Thread.currentThread(), new IllegalStateException("task failed"));
            running.countDown();
        };
        pool.execute(blocking);
        awaitRunning();

        Snapshot s = builder.build(false);

        assertThat(s.executors()).singleElement().satisfies(e -> assertThat(e.workerDeaths()).isEqualTo(1));
        assertThat(s.deaths()).singleElement().satisfies(d -> assertThat(d.executor()).isNotNull());
    }

    @Test
    void aPoolThatRefusesItsQueueIsStillSeenAndTheSnapshotStillTaken() throws Exception {
        // MINA's OrderedThreadPoolExecutor keeps a queue of its own and throws from getQueue()
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker) {
            @Override
            public BlockingQueue<Runnable> getQueue() {
                throw new UnsupportedOperationException();
            }
        };
        probe.executorCreated(pool);
        ThreadPoolExecutor unreadable = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            public boolean isTerminated() {
                throw new IllegalStateException("not here");
            }
        };
        probe.executorCreated(unreadable);
        blocking = this::runAsWorker;
        pool.execute(blocking);
        awaitRunning();

        try {
            Snapshot snapshot = builder.build(true);

            assertThat(snapshot.executors()).singleElement().satisfies(e -> {
                assertThat(e.identity()).isEqualTo(ExecutorRegistry.identity(pool));
                assertThat(e.queued()).isZero();
                assertThat(e.workerIds()).hasSize(1);
            });
            assertThat(snapshot.tasks()).anyMatch(t -> t.state() == TaskState.RUNNING);
        } finally {
            unreadable.shutdownNow();
        }
    }

    @Test
    void aPoolItsRunningTaskAndItsQueuedTaskAreNamedBySite() throws Exception {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker);
        probe.executorCreated(pool);
        blocking = this::runAsWorker;
        probe.taskSubmitted(pool, blocking);
        pool.execute(blocking);
        Runnable queued = () -> { };
        probe.taskSubmitted(pool, queued);
        pool.submit(queued);
        awaitRunning();

        Snapshot snapshot = builder.build(true);
        ExecutorRecord executor = snapshot.executors().stream()
                .filter(e -> e.identity().equals(ExecutorRegistry.identity(pool))).findFirst().orElseThrow();
        assertThat(executor.name()).isEqualTo("worker");
        assertThat(executor.createdAt()).anyMatch(f -> f.contains("aPoolItsRunningTaskAndItsQueuedTaskAreNamedBySite"));
        assertThat(executor.maxPoolSize()).isEqualTo(1);
        assertThat(executor.queued()).isEqualTo(1);
        assertThat(executor.workerIds()).hasSize(1);

        TaskRecord running = snapshot.tasks().stream().filter(t -> t.state() == TaskState.RUNNING).findFirst().orElseThrow();
        assertThat(running.threadId()).isEqualTo(executor.workerIds().get(0));
        assertThat(running.submittedAt()).anyMatch(f -> f.contains("aPoolItsRunningTaskAndItsQueuedTaskAreNamedBySite"));

        TaskRecord waiting = snapshot.tasks().stream().filter(t -> t.state() == TaskState.QUEUED).findFirst().orElseThrow();
        assertThat(waiting.identity()).startsWith("java.util.concurrent.FutureTask@");
        assertThat(waiting.taskClass()).as("unwrapped from FutureTask and RunnableAdapter").contains("SnapshotBuilderTest");
        assertThat(waiting.submittedAt()).anyMatch(f -> f.contains("aPoolItsRunningTaskAndItsQueuedTaskAreNamedBySite"));

        ThreadRecord worker = snapshot.thread(running.threadId()).orElseThrow();
        assertThat(worker.executor()).isEqualTo("worker");
    }

    @Test
    void aTaskCancelledWhileItRunsKeepsTheNameOfItsWorkAndWhereItWasSubmitted() throws Exception {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker);
        probe.executorCreated(pool);
        FutureTask<?>[] future = new FutureTask<?>[1];
        // a time limiter's victim: it ignores the interrupt its cancel sends, and keeps its worker
        Runnable work = () -> {
            probe.workerStarted(pool, Thread.currentThread());
            probe.taskStarting(pool, future[0]);
            running.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // on purpose
                }
            }
        };
        future[0] = new FutureTask<>(work, null);
        probe.taskSubmitted(pool, work);
        pool.execute(future[0]);
        awaitRunning();

        // what the hook at the entry of FutureTask.cancel reports, before the future clears its work
        probe.taskCancelled(future[0]);
        assertThat(future[0].cancel(true)).isTrue();

        TaskRecord running = builder.build(true).tasks().stream()
                .filter(t -> t.state() == TaskState.RUNNING).findFirst().orElseThrow();
        assertThat(running.identity()).startsWith("java.util.concurrent.FutureTask@");
        assertThat(running.taskClass()).as("the work, not the emptied future").isEqualTo(work.getClass().getName());
        assertThat(running.submittedAt())
                .anyMatch(f -> f.contains("aTaskCancelledWhileItRunsKeepsTheNameOfItsWorkAndWhereItWasSubmitted"));
    }

    @Test
    void aTaskHandedToANewWorkerThatHasNotRunYetIsSeenWaitingAndThenRunningAsTheSameTask() throws Exception {
        CountDownLatch scheduled = new CountDownLatch(1);
        // the new worker's thread is started but not yet scheduled, as on a loaded machine
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> trackedWorker(() -> {
                    try {
                        scheduled.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    r.run();
                }));
        probe.executorCreated(pool);
        blocking = this::runAsWorker;
        pool.execute(blocking);

        TaskRecord handed = builder.build(true).tasks().stream()
                .filter(t -> t.identity().equals(ExecutorRegistry.identity(blocking))).findFirst().orElseThrow();
        assertThat(handed.state()).isEqualTo(TaskState.QUEUED);
        assertThat(pool.getQueue()).as("in no queue").isEmpty();

        scheduled.countDown();
        awaitRunning();
        TaskRecord started = builder.build(true).tasks().stream()
                .filter(t -> t.identity().equals(handed.identity())).findFirst().orElseThrow();
        assertThat(started.state()).isEqualTo(TaskState.RUNNING);
    }

    @Test
    void aPeriodicTaskWaitingForItsNextRunIsNotATaskInFlightButAScheduledOneSeenSinceItsFirstLook() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            probe.executorCreated(scheduler);
            CountDownLatch ran = new CountDownLatch(3);
            scheduler.scheduleWithFixedDelay(ran::countDown, 0, 1, TimeUnit.MILLISECONDS);
            scheduler.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            long firstSeen = -1;
            for (int i = 0; i < 20; i++) {
                List<TaskRecord> tasks = builder.build(false).tasks();
                assertThat(tasks).noneMatch(t -> t.state() == TaskState.QUEUED);
                List<TaskRecord> periodic = tasks.stream().filter(t -> t.state() == TaskState.SCHEDULED).toList();
                assertThat(periodic).as("both periodic tasks between runs, at most the busy one caught running")
                        .hasSizeBetween(1, 2);
                long since = periodic.stream().mapToLong(TaskRecord::since).min().orElseThrow();
                if (firstSeen < 0) {
                    firstSeen = since;
                }
                assertThat(since).as("first seen once, whatever runs in between").isEqualTo(firstSeen);
                Thread.sleep(2);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void aPeriodicTaskThatThrewIsAStoppedTaskWithItsWorkItsSiteAndWhatItThrew() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            Runnable refresh = () -> { };
            probe.taskSubmitted(scheduler, refresh);
            java.util.concurrent.ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(refresh, 1, 1, TimeUnit.HOURS);
            java.util.concurrent.ScheduledFuture<?> once = scheduler.schedule(() -> { }, 1, TimeUnit.HOURS);
            IllegalStateException thrown = new IllegalStateException("malformed quote");
            // what the hook in FutureTask.setException reports; a one-shot task's failure reaches its future's reader
            probe.taskFailed(periodic, thrown);
            probe.taskFailed(once, new IllegalStateException("read by get()"));

            List<TaskRecord> stopped = builder.build(false).tasks().stream()
                    .filter(t -> t.state() == TaskState.STOPPED).toList();
            assertThat(stopped).singleElement().satisfies(t -> {
                assertThat(t.taskClass()).isEqualTo(refresh.getClass().getName());
                assertThat(t.submittedAt()).anyMatch(f -> f.contains("aPeriodicTaskThatThrewIsAStoppedTask"));
                assertThat(t.failure().exception()).isEqualTo("java.lang.IllegalStateException: malformed quote");
                assertThat(t.failure().at()).first().asString().contains("aPeriodicTaskThatThrewIsAStoppedTask");
                assertThat(t.threadId()).isEqualTo(Thread.currentThread().getId());
            });
            assertThat(builder.build(false).tasks()).as("still there a cycle later")
                    .filteredOn(t -> t.state() == TaskState.STOPPED).hasSize(1);
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void finishedTasksLeaveNothingBehind() throws Exception {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker);
        probe.executorCreated(pool);
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(() -> {
            probe.workerStarted(pool, Thread.currentThread());
            Runnable task = () -> { };
            probe.taskStarting(pool, task);
            probe.taskFinished(pool, task);
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(builder.build(false).tasks()).isEmpty();
    }

    @Test
    void anIdlePoolIsIdleSinceItsWorkersLastEndedATaskAndNotKnownSoWhileOneHasEndedNone() throws Exception {
        pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker);
        probe.executorCreated(pool);
        long[] ended = new long[2];
        for (int i = 0; i < 2; i++) {
            int worker = i;
            CountDownLatch done = new CountDownLatch(1);
            pool.execute(() -> {
                probe.workerStarted(pool, Thread.currentThread());
                Runnable task = () -> { };
                probe.taskStarting(pool, task);
                ended[worker] = System.currentTimeMillis();
                probe.taskFinished(pool, task);
                done.countDown();
            });
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(20);
        }
        long after = System.currentTimeMillis();
        until(() -> pool.getActiveCount() == 0);
        ExecutorRecord idle = builder.build(false).executors().get(0);
        assertThat(idle.poolSize()).isEqualTo(2);
        assertThat(idle.idleSince()).as("when the later of its two workers ended its task")
                .isBetween(ended[1], after);

        pool.setMaximumPoolSize(3);
        pool.setCorePoolSize(3);
        CountDownLatch started = new CountDownLatch(1);
        pool.execute(() -> {
            probe.workerStarted(pool, Thread.currentThread());
            started.countDown();
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        until(() -> pool.getActiveCount() == 0 && pool.getPoolSize() == 3);
        assertThat(builder.build(false).executors().get(0).idleSince())
                .as("a worker whose task's end the hooks did not see").isZero();
    }

    @Test
    void aPoolThatNeverHadAWorkerNorATaskIsIdleSinceItWasMade() throws Exception {
        long before = System.currentTimeMillis();
        pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), this::trackedWorker);
        probe.executorCreated(pool);
        long made = System.currentTimeMillis();
        Thread.sleep(20);
        assertThat(builder.build(false).executors().get(0).idleSince()).isBetween(before, made);
    }

    private final CountDownLatch running = new CountDownLatch(1);

    /** What the Thread.start advice does for a pool's worker. */
    private Thread trackedWorker(Runnable r) {
        Thread t = new Thread(r, "worker-1");
        probe.threadStarting(t);
        return t;
    }

    private Runnable blocking;

    /** The worker's side, as beforeExecute/afterExecute report it around the task the pool was given. */
    private void runAsWorker() {
        probe.workerStarted(pool, Thread.currentThread());
        probe.taskStarting(pool, blocking);
        running.countDown();
        awaitRelease();
        probe.taskFinished(pool, blocking);
    }

    private void awaitRunning() throws InterruptedException {
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private void awaitRelease() {
        await(release);
    }

    private void awaitReleaseElsewhere() {
        await(release);
    }


}
