package dev.threadhound.junit;

import dev.threadhound.finding.FindingType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DetectLeaks} through the Jupiter engine, without the agent: threads only. */
class DetectLeaksTest {

    @AfterEach
    void endWhatFixturesLeaked() throws InterruptedException {
        Leftovers.clear();
        ProcessTimers.cancelAll();
    }

    @Test
    void aTestLeakingAThreadFailsNamingItWithItsStack() {
        FixtureRun run = FixtureRun.of(Fixtures.class, "leaksAThread");

        assertThat(run.failed()).isEqualTo(1);
        String message = run.failureOf("leaksAThread").map(FixtureRun::text).orElseThrow();
        assertThat(message)
                .contains("LEAKED_THREAD", "leaky-worker", "Leftovers.awaitRelease", "CountDownLatch.await")
                .contains("agent is not attached");
    }

    @Test
    void aCleanTestPasses() {
        FixtureRun run = FixtureRun.of(Fixtures.class, "clean");

        assertThat(run.succeeded()).isEqualTo(1);
        assertThat(run.failed()).isZero();
    }

    @Test
    void aThreadThatEndsWithinTheLingerTimePasses() {
        assertThat(FixtureRun.of(Fixtures.class, "threadEndsSoon").succeeded()).isEqualTo(1);
    }

    @Test
    void anExecutorNeverShutDownFailsTheClassThroughItsIdleWorkersNamingTheTest() {
        FixtureRun run = FixtureRun.of(Fixtures.class, "leavesAnExecutor");

        assertThat(run.containerFailures()).singleElement().satisfies(t -> assertThat(t.getMessage())
                .contains("class Fixtures", "LEAKED_THREAD", "fixture-pool", "test Fixtures.leavesAnExecutor()",
                        "idle pool worker still alive after the class ended", "ThreadPoolExecutor.getTask"));
    }

    @Test
    void withoutAClassLeakCheckNamesAnIdleWorkerOfAnExecutorNeverShutDownAtOnce() throws InterruptedException {
        LeakCheck check = LeakCheck.start(LeakOptions.defaults().linger(java.time.Duration.ofMillis(200)));
        Leftovers.keep(Executors.newFixedThreadPool(1, r -> new Thread(r, "unshut-pool"))).execute(() -> { });

        assertThat(check.findLeaks()).singleElement().satisfies(f -> assertThat(f.summary())
                .contains("unshut-pool", "an idle worker of an executor that was never shut down"));
    }

    @Test
    void workersThatAPoolFromBeforeAllGrowsDuringTheTestsAreNotBlamed() {
        FixtureRun run = FixtureRun.of(BeforeAllPoolFixture.class);

        assertThat(run.succeeded()).isEqualTo(3);
        assertThat(run.failed()).isZero();
        assertThat(run.containerFailures()).isEmpty();
    }

    @Test
    void aTaskThatNeverEndsFailsThroughTheThreadStuckInIt() {
        String message = FixtureRun.of(Fixtures.class, "submitsANeverEndingTask").failureOf("submitsANeverEndingTask")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("LEAKED_THREAD", "pool-", "Leftovers.awaitRelease")
                .doesNotContain("idle worker");
    }

    @Test
    void commonPoolWorkersLeftIdleByAParallelStreamAreNotBlamed() {
        assertThat(FixtureRun.of(Fixtures.class, "parallelStream").succeeded()).isEqualTo(1);
    }

    @Test
    void threadsOfAnHttpClientWhichCannotBeClosedOnJdk17AreNotBlamed() {
        assertThat(FixtureRun.of(Fixtures.class, "createsAnHttpClient").succeeded()).isEqualTo(1);
    }

    @Test
    void aDeadlockFailsAtOnceWithTheCycle() {
        long start = System.nanoTime();
        String message = FixtureRun.of(Fixtures.class, "deadlocks").failureOf("deadlocks")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("DEADLOCK", "locked-a", "locked-b", "held by", "a deadlock fails at once");
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms, with a linger of 30 s").isLessThan(10_000);
    }

    @Test
    void aThreadStartedInBeforeAllIsNotBlamedOnATest() {
        FixtureRun run = FixtureRun.of(BeforeAllFixture.class);

        assertThat(run.succeeded()).isEqualTo(1);
        assertThat(run.failed()).isZero();
    }

    @Test
    void theCheckRunsWhenTheTestFailed() {
        String message = FixtureRun.of(Fixtures.class, "failsAndLeaks").failureOf("failsAndLeaks")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("the test's own failure", "failing-leaker");
    }

    @Test
    void ignoredNamesAndTopFramesAreNotReported() {
        assertThat(FixtureRun.of(Fixtures.class, "leaksAnIgnoredName").succeeded()).isEqualTo(1);
        assertThat(FixtureRun.of(Fixtures.class, "leaksAnIgnoredTopFrame").succeeded()).isEqualTo(1);
    }

    @Test
    void onlyTheChosenFindingTypesFail() {
        assertThat(FixtureRun.of(Fixtures.class, "leaksButFailsOnlyOnDeadlock").succeeded()).isEqualTo(1);
    }

    @Test
    void aClassScopeCheckBlamesTheClassAfterAfterAll() {
        FixtureRun run = FixtureRun.of(ClassScopeFixture.class);

        assertThat(run.succeeded()).isEqualTo(2);
        assertThat(run.containerFailures()).singleElement()
                .satisfies(t -> assertThat(t.getMessage()).contains("class ClassScopeFixture", "class-leak"));
    }

    @Test
    void aThreadThatNeverEndsIsReportedByTheTestThatLeakedItOnly() {
        FixtureRun run = FixtureRun.of(ReportedOnceFixture.class);

        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void inParallelWithoutTheAgentTheMessageSaysALeakMayComeFromAnotherTest() {
        FixtureRun run = FixtureRun.parallel(ParallelFixture.class);

        String message = run.failureOf("leaks").map(FixtureRun::text).orElseThrow();
        assertThat(message).contains("parallel-leak", "may come from a test running in parallel");
        assertThat(run.succeeded()).isEqualTo(1);
    }

    @Test
    void aThreadStillSleepingFailsSayingItMayEndByItselfAndHowToAcceptIt() {
        String message = FixtureRun.of(Fixtures.class, "leavesASleeper").failureOf("leavesASleeper")
                .map(FixtureRun::text).orElseThrow();

        assertThat(message).contains("LEAKED_THREAD", "late-sender", "TIMED_WAITING",
                "it is sleeping in Thread.sleep called from DetectLeaksTest$Fixtures.sleep(",
                "it may end by itself", "the JDK does not tell how much of the wait is left",
                "a longer linger (lingerMillis; waited 200 ms)", "ignoreThreadNames \"late-sender\"",
                "threadhound.junit.ignoreTimedWaiting=true");
    }

    @Test
    void ignoreTimedWaitingOnTheTestOrForTheSuiteAcceptsASleeperButNotAThreadWaitingForever() {
        String suiteWide = "threadhound.junit.ignoreTimedWaiting";

        assertThat(FixtureRun.of(Fixtures.class, "leavesAnAcceptedSleeper").succeeded()).isEqualTo(1);
        assertThat(FixtureRun.of(Fixtures.class, "leavesASleeper", suiteWide, "true").succeeded()).isEqualTo(1);
        assertThat(FixtureRun.of(Fixtures.class, "leaksAThread", suiteWide, "true").failed()).isEqualTo(1);
    }

    @Test
    void aBadSuiteWideValueFailsWithOneLineSayingWhatIsAllowed() {
        FixtureRun run = FixtureRun.of(Fixtures.class, "clean", "threadhound.junit.ignoreTimedWaiting", "yes");

        assertThat(run.failureOf("clean")).hasValueSatisfying(t -> assertThat(t.getMessage())
                .isEqualTo("threadhound.junit.ignoreTimedWaiting: 'yes' is not true or false"));
    }

    @Test
    void aTestThatLeaksNothingDoesNotWaitForTheLinger() {
        long start = System.nanoTime();
        FixtureRun run = FixtureRun.of(Fixtures.class, "cleanWithALongLinger");

        assertThat(run.succeeded()).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms, with a linger of 60 s").isLessThan(30_000);
    }

    /**
     * Without the agent nothing tells a thread a static initializer started from one the test started: the holder's
     * timer fails whichever test touches it first, and which one that is changes with the order.
     */
    @Test
    void withoutTheAgentAProcessWideTimerFailsTheTestThatTouchedItFirstInEitherOrder() {
        FixtureRun byName = FixtureRun.of(SingletonFixtures.NameOrder.class);
        FixtureRun reversed = FixtureRun.of(SingletonFixtures.ReverseOrder.class);

        assertThat(byName.failureOf("a_touchesTheTimer")).hasValueSatisfying(t -> assertThat(t.getMessage())
                .contains("process-timer-name-order", "agent is not attached", "static initializer"));
        assertThat(byName.failureOf("b_touchesTheTimer")).isEmpty();
        assertThat(reversed.failureOf("b_touchesTheTimer")).hasValueSatisfying(t -> assertThat(t.getMessage())
                .contains("process-timer-reverse-order"));
        assertThat(reversed.failureOf("a_touchesTheTimer")).isEmpty();
    }

    @Fixture
    @DetectLeaks
    static class Fixtures {

        @Test
        void leaksAThread() {
            Leftovers.park("leaky-worker");
        }

        @Test
        void clean() throws InterruptedException {
            Thread t = new Thread(() -> { }, "joined");
            t.start();
            t.join();
        }

        @Test
        @DetectLeaks(lingerMillis = 200)
        void leavesASleeper() {
            Leftovers.start("late-sender", () -> sleep(10_000));
        }

        @Test
        @DetectLeaks(lingerMillis = 200, ignoreTimedWaiting = true)
        void leavesAnAcceptedSleeper() {
            Leftovers.start("accepted-sender", () -> sleep(10_000));
        }

        @Test
        @DetectLeaks(lingerMillis = 60_000)
        void cleanWithALongLinger() throws InterruptedException {
            Thread t = new Thread(() -> { }, "joined-at-once");
            t.start();
            t.join();
        }

        @Test
        void threadEndsSoon() {
            new Thread(() -> sleep(200), "short-lived").start();
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
        void parallelStream() {
            assertThat(IntStream.range(0, 10_000).parallel().map(i -> i % 7).sum()).isPositive();
            CompletableFuture.runAsync(() -> { }).join();
        }

        @Test
        void createsAnHttpClient() {
            assertThat(java.net.http.HttpClient.newHttpClient().version()).isNotNull();
        }

        @Test
        @DetectLeaks(lingerMillis = 30_000)
        void deadlocks() throws InterruptedException {
            Deadlocks.startPair("locked");
        }

        @Test
        void failsAndLeaks() {
            Leftovers.park("failing-leaker");
            throw new AssertionError("the test's own failure");
        }

        @Test
        @DetectLeaks(ignoreThreadNames = "ignored-.*")
        void leaksAnIgnoredName() {
            Leftovers.park("ignored-by-name");
        }

        @Test
        @DetectLeaks(ignoreTopFrames = "jdk.internal.misc.Unsafe.park")
        void leaksAnIgnoredTopFrame() {
            Leftovers.park("ignored-by-top-frame");
        }

        @Test
        @DetectLeaks(failOn = FindingType.DEADLOCK, lingerMillis = 100)
        void leaksButFailsOnlyOnDeadlock() {
            Leftovers.park("not-failing");
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Fixture
    @DetectLeaks
    static class BeforeAllFixture {

        static Thread started;

        @BeforeAll
        static void startAThread() {
            started = Leftovers.park("started-in-before-all");
        }

        @Test
        void usesIt() {
            assertThat(started.isAlive()).isTrue();
        }

        @AfterAll
        static void stopIt() throws InterruptedException {
            Leftovers.clear();
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 200)
    static class BeforeAllPoolFixture {

        static ExecutorService pool;

        @BeforeAll
        static void startThePool() {
            pool = Executors.newFixedThreadPool(3, r -> new Thread(r, "shared-pool"));
        }

        @Test
        void growsTheFirstWorker() throws Exception {
            pool.submit(() -> { }).get();
        }

        @Test
        void growsTheSecondWorker() throws Exception {
            pool.submit(() -> { }).get();
        }

        @org.junit.jupiter.api.Nested
        class Inner {

            @Test
            void growsTheThirdWorker() throws Exception {
                pool.submit(() -> { }).get();
            }
        }

        @AfterAll
        static void stopThePool() throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Fixture
    @DetectLeaks(scope = DetectLeaks.Scope.CLASS, lingerMillis = 200)
    static class ClassScopeFixture {

        @Test
        void leaks() {
            Leftovers.park("class-leak");
        }

        @Test
        void clean() {
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 200)
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class)
    static class ReportedOnceFixture {

        @Test
        void a_leaksAThreadThatIgnoresInterrupts() {
            Leftovers.start("zombie", Leftovers::awaitReleaseIgnoringInterrupts);
        }

        @Test
        void b_runsAfterIt() {
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 300)
    static class ParallelFixture {

        @Test
        void leaks() throws InterruptedException {
            Leftovers.park("parallel-leak");
            Thread.sleep(300);
        }

        /** Checked well after {@code leaks} reported its thread: without the agent the first check to look takes it. */
        @Test
        void clean() throws InterruptedException {
            Thread.sleep(1_500);
        }
    }
}
