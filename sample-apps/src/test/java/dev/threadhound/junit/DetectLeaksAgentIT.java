package dev.threadhound.junit;

import dev.threadhound.samples.e2e.Accounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName("dev.threadhound:type=Agent")))
                .as("the agent's MBean; failsafe's argLine attaches the agent").isTrue();
    }

    @AfterEach
    void endWhatFixturesLeaked() throws InterruptedException {
        Leftovers.clear();
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

    @Fixture
    @DetectLeaks
    static class Fixtures {

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
