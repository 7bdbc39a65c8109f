package dev.threadhound.junit;

import dev.threadhound.model.Snapshot;
import dev.threadhound.report.SnapshotBytes;
import dev.threadhound.samples.e2e.Accounts;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.management.ObjectName;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DetectLeaks} in a JVM with the agent attached (failsafe's argLine, which tracks lock order): leaks carry
 * their creation sites, executors and tasks are checked, in parallel a leak is traced to the test whose thread
 * started it, and a test that takes locks in an order that can deadlock fails.
 */
class DetectLeaksAgentIT {

    @BeforeEach
    void theAgentIsAttached() throws Exception {
        assertThat(System.getProperty("threadhound.agent.version"))
                .as("the agent runs; failsafe's argLine attaches it").isNotNull();
    }

    /**
     * The check reads the agent's snapshots as records of this analyzer's model, with no JSON mapper to warm up:
     * through the bridge in java.base, and the same through the MBean that tools outside the JVM use.
     */
    @Test
    void theAgentsSnapshotReadsAsRecordsOfThisAnalyzersModel() throws Exception {
        byte[] bridged = (byte[]) Class.forName("java.lang.ThreadhoundHooks").getMethod("snapshotBytes").invoke(null);
        ObjectName mbean = new ObjectName("dev.threadhound:type=Agent");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!ManagementFactory.getPlatformMBeanServer().isRegistered(mbean) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        byte[] served = (byte[]) ManagementFactory.getPlatformMBeanServer().invoke(mbean, "snapshotBytes", null, null);
        for (byte[] bytes : List.of(bridged, served)) {
            Snapshot snapshot = SnapshotBytes.read(bytes);
            assertThat(snapshot.threads()).anySatisfy(t -> {
                assertThat(t.id()).isEqualTo(Thread.currentThread().getId());
                assertThat(t.stack()).anyMatch(frame -> frame.contains("theAgentsSnapshotReadsAsRecordsOfThisAnalyzersModel"));
            });
        }
    }

    @AfterEach
    void endWhatFixturesLeaked() throws InterruptedException {
        Leftovers.clear();
        ProcessTimers.cancelAll();
        Fixtures.TIMERS.forEach(Timer::stop);
        Fixtures.TIMERS.clear();
    }

    /**
     * A process-wide timer started in a library's lazy holder class fails no test, whichever touches it first, and
     * is said once on standard error naming the static initializer.
     */
    @Test
    void aTimerAStaticInitializerStartedFailsNoTestInEitherOrderAndIsSaidOnce() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(new TeeOutputStream(err, said), true));
        FixtureRun byName;
        FixtureRun reversed;
        try {
            byName = FixtureRun.of(SingletonFixtures.NameOrder.class);
            reversed = FixtureRun.of(SingletonFixtures.ReverseOrder.class);
        } finally {
            System.setErr(err);
        }

        assertThat(byName.succeeded()).isEqualTo(2);
        assertThat(reversed.succeeded()).isEqualTo(2);
        String text = said.toString();
        assertThat(text.split("threadhound: not a leak of ", -1)).as(text).hasSize(3);
        assertThat(text).contains("not a leak of test NameOrder.a_touchesTheTimer(): thread \"process-timer-name-order\" "
                        + "was created by the static initializer of dev.threadhound.junit.ProcessTimers$ForNameOrder")
                .contains("not a leak of test ReverseOrder.b_touchesTheTimer(): thread \"process-timer-reverse-order\"")
                .contains("dev.threadhound.junit.ProcessTimers$ForNameOrder.<clinit>(ProcessTimers.java:");
    }

    @Test
    void aTimerInAHolderNestedInTheTestsOwnClassIsTheTestsLeak() {
        FixtureRun run = FixtureRun.of(SingletonFixtures.OwnHolder.class);

        assertThat(run.failureOf("a_touchesTheTimer").map(FixtureRun::text).orElseThrow())
                .contains("LEAKED_THREAD", "own-holder-timer", "SingletonFixtures$OwnHolder$Holder.<clinit>");
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void aThreadStillSleepingIsToldWithWhereItStartedAndTheSiteToIgnore() {
        String message = FixtureRun.of(Fixtures.class, "leavesASleeper").failureOf("leavesASleeper")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("late-sender", "it is sleeping in Thread.sleep", "it may end by itself",
                "started at DetectLeaksAgentIT$Fixtures.leavesASleeper(DetectLeaksAgentIT.java:",
                "ignoreCreatedAt \"dev.threadhound.junit.DetectLeaksAgentIT$Fixtures.leavesASleeper\"");
    }

    @Test
    void aLeakedThreadIsNamedWithItsStackAndCreationSite() {
        String message = FixtureRun.of(Fixtures.class, "leaksAThread").failureOf("leaksAThread").map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("LEAKED_THREAD", "leaky-worker", "CountDownLatch.await", "created at:")
                .containsPattern("created at:\\n(\\s+at .*\\n)*\\s+at .*Leftovers\\.start")
                .contains("DetectLeaksAgentIT$Fixtures.leaksAThread")
                .doesNotContain("agent is not attached");
    }

    @Test
    void anExecutorNeverShutDownFailsWithWhereItWasCreated() {
        String message = FixtureRun.of(Fixtures.class, "leavesAnExecutor").failureOf("leavesAnExecutor").map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("LEAKED_EXECUTOR", "fixture-pool", "was never shut down", "created at:",
                "DetectLeaksAgentIT$Fixtures.leavesAnExecutor");
    }

    @Test
    void aTaskThatNeverEndsFailsWithWhereItWasSubmitted() {
        String message = FixtureRun.of(Fixtures.class, "submitsANeverEndingTask").failureOf("submitsANeverEndingTask")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("LEAKED_TASK", "still running on", "submitted at:",
                "DetectLeaksAgentIT$Fixtures.submitsANeverEndingTask");
    }

    /**
     * A library's task class that each test submits through its own call (commons-io's {@code Tailer}, run by each
     * test's tailer): the leaking test is named where it submitted the task, not where the first test did.
     */
    @Test
    void aTaskClassEveryTestSubmitsIsNamedAtTheLeakingTestsOwnCall() {
        FixtureRun run = FixtureRun.of(Followers.class);

        assertThat(run.succeeded()).isEqualTo(1);
        assertThat(run.failureOf("b_followsForever").map(FixtureRun::text).orElseThrow())
                .contains("LEAKED_TASK", "submitted at:", "DetectLeaksAgentIT$Followers.b_followsForever")
                .doesNotContain("a_followsOnce");
    }

    /**
     * An executor whose class refuses what the agent asks of it (MINA's {@code OrderedThreadPoolExecutor} throws
     * from {@code getQueue()}) is still seen, and every later test is still checked with creation sites.
     */
    @Test
    void aPoolThatRefusesItsQueueLeavesTheChecksWorking() {
        FixtureRun run = FixtureRun.of(QueueRefusers.class);

        assertThat(run.failureOf("a_leavesAPoolThatRefusesItsQueue").map(FixtureRun::text).orElseThrow())
                .contains("LEAKED_EXECUTOR", "DetectLeaksAgentIT$QueueRefusers.a_leavesAPoolThatRefusesItsQueue");
        assertThat(run.failureOf("b_leaksAThread").map(FixtureRun::text).orElseThrow())
                .contains("LEAKED_THREAD", "after-the-refuser", "created at:");
    }

    @Test
    void timersMadePerCallFailAsOnePileUpNamingEveryThread() {
        String message = FixtureRun.of(Fixtures.class, "makesATimerPerCall").failureOf("makesATimerPerCall")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("THREAD_PILE_UP: 12 threads started at HashedWheelTimer.start(",
                "during the test are still alive", "io.netty.util.HashedWheelTimer.newTimeout")
                .doesNotContain("LEAKED_THREAD");
        assertThat(message.split("thread \"pool-", -1)).as("every timer thread named").hasSize(13);
    }

    @Test
    void aThreadThatDiedDuringTheTestIsInItsFailureMessage() {
        String message = FixtureRun.of(Fixtures.class, "startsAThreadThatDies").failureOf("startsAThreadThatDies")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("THREAD_DIED: thread dying-helper died of IllegalStateException: checked on"
                + " another thread", "TERMINATED", "DetectLeaksAgentIT$Fixtures.lambda$startsAThreadThatDies");
    }

    @Test
    void aCleanTestPassesAndCommonPoolWorkersAreNotBlamed() {
        assertThat(FixtureRun.of(Fixtures.class, "clean").succeeded()).isEqualTo(1);
        assertThat(FixtureRun.of(Fixtures.class, "parallelStream").succeeded()).isEqualTo(1);
    }

    @Test
    void threadsCreatedAtAnIgnoredSiteAreNotReported() {
        assertThat(FixtureRun.of(Fixtures.class, "leaksFromAnIgnoredSite").succeeded()).isEqualTo(1);
    }

    @Test
    void aDeadlockFailsAtOnceWithTheCycleAndCreationSites() {
        String message = FixtureRun.of(Fixtures.class, "deadlocks").failureOf("deadlocks").map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("DEADLOCK", "locked-a", "locked-b", "held by", "created at:");
    }

    @Test
    void aTestThatClosesALockOrderCycleFailsNamingBothChainsAndTheNextTestDoesNot() {
        FixtureRun run = FixtureRun.of(LockOrderFixtures.class);

        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.succeeded()).as("the test before and the test after").isEqualTo(2);
        assertThat(run.failureOf("bRefund").map(FixtureRun::text).orElseThrow())
                .contains("took locks in an order that can deadlock (1 lock-order cycle)", "POTENTIAL_DEADLOCK",
                        "Accounts.transfer takes Accounts.savings", "Accounts.refund takes Accounts.checking",
                        "seen on one thread only", "deadlock when they run at once",
                        "chain 1, thread", "chain 2, thread", "e2e.Accounts.transfer(Accounts.java:")
                .doesNotContain("LEAKED_THREAD");
    }

    @Test
    void inParallelALeakIsBlamedOnTheTestWhoseThreadStartedIt() {
        FixtureRun run = FixtureRun.parallel(ParallelFixture.class);

        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.succeeded()).isEqualTo(3);
        assertThat(run.failureOf("leaksThroughAHelperThread").map(FixtureRun::text).orElseThrow())
                .contains("grandchild-leak", "created at:").doesNotContain("may come from a test running in parallel");
    }

    @Test
    void theProgrammaticCheckSeesExecutorsToo() throws InterruptedException {
        LeakCheck check = LeakCheck.start();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.execute(() -> { });

        assertThat(check.agentAttached()).isTrue();
        assertThat(check.findLeaks()).anySatisfy(f -> assertThat(f.type().name()).isEqualTo("LEAKED_EXECUTOR"));
        pool.shutdown();
        assertThat(pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    /** Writes to two streams: what the test reads, and the console a person reads. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }

    @Fixture
    @DetectLeaks
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class QueueRefusers {

        @Test
        void a_leavesAPoolThatRefusesItsQueue() {
            ThreadPoolExecutor refuser = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
                @Override
                public BlockingQueue<Runnable> getQueue() {
                    throw new UnsupportedOperationException();
                }
            };
            Leftovers.keep(refuser).execute(() -> { });
        }

        @Test
        void b_leaksAThread() {
            Leftovers.park("after-the-refuser");
        }
    }

    @Fixture
    @DetectLeaks
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Followers {

        /** A library's task: one class, submitted by the library for each caller. */
        static final class Follow implements Runnable {
            private final boolean forever;

            Follow(boolean forever) {
                this.forever = forever;
            }

            @Override
            public void run() {
                if (forever) {
                    Leftovers.awaitRelease();
                }
            }

            static Future<?> start(ExecutorService pool, boolean forever) {
                return pool.submit(new Follow(forever));
            }
        }

        @Test
        void a_followsOnce() throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Follow.start(pool, false).get();
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        void b_followsForever() {
            Follow.start(Leftovers.keep(Executors.newSingleThreadExecutor()), true);
        }
    }

    @Fixture
    @DetectLeaks
    static class Fixtures {

        static final List<Timer> TIMERS = new CopyOnWriteArrayList<>();

        @Test
        void makesATimerPerCall() {
            for (int call = 0; call < 12; call++) {
                Timer perCall = new HashedWheelTimer();
                TIMERS.add(perCall);
                perCall.newTimeout(timeout -> { }, 1, TimeUnit.MILLISECONDS);
            }
        }

        @Test
        void startsAThreadThatDies() throws InterruptedException {
            Thread helper = new Thread(() -> {
                throw new IllegalStateException("checked on another thread");
            }, "dying-helper");
            helper.start();
            helper.join();
        }

        @Test
        void leaksAThread() {
            Leftovers.park("leaky-worker");
        }

        @Test
        void leavesAnExecutor() {
            ExecutorService pool = Leftovers.keep(Executors.newFixedThreadPool(1, r -> new Thread(r, "fixture-pool")));
            pool.execute(() -> { });
        }

        @Test
        void submitsANeverEndingTask() {
            Leftovers.keep(Executors.newSingleThreadExecutor()).submit(Leftovers::awaitRelease);
        }

        @Test
        @DetectLeaks(lingerMillis = 200)
        void leavesASleeper() {
            Thread sleeper = new Thread(() -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "late-sender");
            sleeper.setDaemon(true);
            sleeper.start();
            Leftovers.keep(sleeper);
        }

        @Test
        void clean() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.submit(() -> 1).get();
            pool.shutdown();
        }

        @Test
        void parallelStream() {
            assertThat(IntStream.range(0, 10_000).parallel().map(i -> i % 7).sum()).isPositive();
            CompletableFuture.runAsync(() -> { }).join();
        }

        @Test
        @DetectLeaks(ignoreCreatedAt = "dev.threadhound.junit.Leftovers.park")
        void leaksFromAnIgnoredSite() {
            Leftovers.park("ignored-by-site");
        }

        @Test
        @DetectLeaks(lingerMillis = 30_000)
        void deadlocks() throws InterruptedException {
            Deadlocks.startPair("locked");
        }
    }

    @Fixture
    @DetectLeaks
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class LockOrderFixtures {

        private static final Accounts ACCOUNTS = new Accounts();

        /** checking, then savings: one order, no cycle yet. */
        @Test
        void aTransfer() {
            ACCOUNTS.transfer(10);
        }

        /** savings, then checking: the cycle closes during this test. */
        @Test
        void bRefund() {
            ACCOUNTS.refund(10);
        }

        /** Both orders again: nothing new, the cycle was closed before this test began. */
        @Test
        void cTransferAndRefundAgain() {
            ACCOUNTS.transfer(10);
            ACCOUNTS.refund(10);
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 500)
    static class ParallelFixture {

        /** The leak is started by a thread the test started: traced through two hops of {@code createdBy}. */
        @Test
        void leaksThroughAHelperThread() throws InterruptedException {
            Leftovers.start("helper", () -> {
                Leftovers.park("grandchild-leak");
                Leftovers.awaitRelease();
            });
            Thread.sleep(500);
        }

        @Test
        void cleanOne() throws InterruptedException {
            Thread.sleep(500);
        }

        @Test
        void cleanTwo() throws InterruptedException {
            Thread.sleep(500);
        }

        @Test
        void cleanThree() throws InterruptedException {
            Thread.sleep(500);
        }
    }
}
