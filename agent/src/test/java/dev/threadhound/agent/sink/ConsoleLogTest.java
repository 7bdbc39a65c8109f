package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLogTest {

    private static Finding leakedTasks(int count, long durationMs, String... workers) {
        return Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, count + " tasks stuck for " + durationMs + " ms")
                .executor("fanout-replica")
                .submittedAt(List.of("com.acme.Fanout.query(Fanout.java:24)"))
                .threads(java.util.Arrays.stream(workers)
                        .map(w -> new FindingThread(w, 1, false, "WAITING", null, null, List.of("a.B.c(B.java:1)"), List.of()))
                        .toList())
                .count(count).durationMs(durationMs).build();
    }

    @Test
    void aGrowingGroupIsStillTheSameFinding() {
        assertThat(FindingKey.of(leakedTasks(8, 2_000, "w-1", "w-3")))
                .isEqualTo(FindingKey.of(leakedTasks(14, 4_000, "w-1", "w-3", "w-5")));
    }

    @Test
    void anotherSiteOrTypeIsAnotherFinding() {
        Finding other = Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, "x").executor("fanout-replica")
                .submittedAt(List.of("com.acme.Other.call(Other.java:9)")).build();
        assertThat(FindingKey.of(other)).isNotEqualTo(FindingKey.of(leakedTasks(1, 1, "w-1")));
        Finding deadlockAB = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d").cycle(List.of("a", "b")).build();
        Finding deadlockBA = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d").cycle(List.of("b", "a")).build();
        Finding deadlockCD = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d").cycle(List.of("c", "d")).build();
        assertThat(FindingKey.of(deadlockAB)).isEqualTo(FindingKey.of(deadlockBA)).isNotEqualTo(FindingKey.of(deadlockCD));
    }

    @Test
    void aLockOrderCycleIsPrintedOnceWithBothChainsAndTheInterleaving() {
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);
        Finding cycle = SinkFixtures.potentialDeadlock();
        log.publish(SinkFixtures.smallSnapshot(), List.of(cycle));
        // the same cycle once its threads have ended: still the same finding
        Finding later = Finding.of(cycle.type(), cycle.severity(), cycle.summary()).lockOrder(cycle.lockOrder()).build();
        log.publish(SinkFixtures.smallSnapshot(), List.of(later));

        assertThat(lines).containsExactly(
                "WARNING POTENTIAL_DEADLOCK: " + cycle.summary(),
                "  1. \"payer-1\" took Ledger.from (Account@1b6d3586) at Ledger.transfer(Ledger.java:42),"
                        + " then Ledger.to (Account@4554617c) at Ledger.transfer(Ledger.java:44)",
                "  2. \"refunds\" took Ledger.to (Account@4554617c) at Ledger.refund(Ledger.java:59),"
                        + " then Ledger.from (Account@1b6d3586) at Ledger.refund(Ledger.java:61)",
                "  deadlock when they run at once: 1 holds Ledger.from while 2 holds Ledger.to;"
                        + " then 1 waits for Ledger.to, 2 waits for Ledger.from, forever");
    }

    private static Finding stuckThreads(int count) {
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, count + " threads (a, b, c and more) waiting")
                .threads(List.of(new FindingThread("a", 1, false, "WAITING", null, null,
                        List.of("com.acme.Pool.await(Pool.java:9)"), List.of("com.acme.Pool.start(Pool.java:3)"))))
                .count(count).durationMs(30_000).build();
    }

    @Test
    void aFindingIsLoggedOnceWhileItStaysAndAgainEachTimeItHasDoubled() {
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);

        for (int count : new int[] {1275, 1275, 2000, 2549, 2550, 4000, 5099, 10_000, 10_000}) {
            log.publish(null, List.of(stuckThreads(count)));
        }

        assertThat(lines).containsExactly(
                "WARNING LEAKED_THREAD: 1275 threads (a, b, c and more) waiting",
                "WARNING LEAKED_THREAD: 2550 threads (a, b, c and more) waiting",
                "WARNING LEAKED_THREAD: 10000 threads (a, b, c and more) waiting");
    }

    @Test
    void aFindingThatClearsAndComesBackIsLoggedAgainUnlessItFlapsWithinAMinute() {
        List<String> lines = new java.util.ArrayList<>();
        long[] now = {0};
        ConsoleLog log = new ConsoleLog(lines::add, () -> now[0]);

        log.publish(null, List.of(stuckThreads(10)));
        log.publish(null, List.of());
        now[0] += 5_000;
        log.publish(null, List.of(stuckThreads(10)));
        assertThat(lines).as("back five seconds after it cleared, no larger: the same problem").hasSize(1);

        log.publish(null, List.of());
        now[0] += 5_000;
        log.publish(null, List.of(stuckThreads(20)));
        assertThat(lines).as("back twice as large").hasSize(2);

        log.publish(null, List.of());
        now[0] += ConsoleLog.COMEBACK_QUIET_MILLIS + 1;
        log.publish(null, List.of(stuckThreads(20)));
        assertThat(lines).as("back after more than a minute").hasSize(3);
    }

    private static Finding saturated(String firstWorker, String top, int queued) {
        return Finding.of(FindingType.POOL_SATURATED, Severity.WARNING, "executor VirtualThread.scheduler has been"
                        + " saturated (2/2 workers busy) and its queue grew to " + queued + " tasks")
                .executor("VirtualThread.scheduler")
                .threads(List.of(new FindingThread(firstWorker, 41, false, "WAITING", null, null,
                        List.of(top, "java.base/java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:2019)"),
                        List.of("java.base/java.util.concurrent.ForkJoinPool.createWorker(ForkJoinPool.java:1754)"))))
                .queued(queued).active(2).max(2).build();
    }

    @Test
    void aSaturatedPoolIsOneFindingWhateverItsListedWorkerRunsAtTheMoment() {
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);

        log.publish(null, List.of(saturated("ForkJoinPool-1-worker-1",
                "java.base/jdk.internal.vm.Continuation.run(Continuation.java:254)", 25)));
        log.publish(null, List.of(saturated("ForkJoinPool-1-worker-1",
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)", 40)));
        log.publish(null, List.of(saturated("ForkJoinPool-1-worker-2",
                "java.base/jdk.internal.vm.Continuation.run(Continuation.java:254)", 61)));

        assertThat(lines).hasSize(1);
    }

    /** The periodic cycle fetches a stuck thread's stack only once it has stayed put for a whole cycle. */
    private static Finding deadlock(boolean withStacks) {
        List<String> stack = withStacks ? List.of("com.acme.Ledger.transfer(Ledger.java:42)") : List.of();
        return Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "deadlock: a waits for b")
                .threads(List.of(new FindingThread("a", 1, false, "BLOCKED", "com.acme.Account@1", "b", stack,
                                List.of("com.acme.Bank.start(Bank.java:9)")),
                        new FindingThread("b", 2, false, "BLOCKED", "com.acme.Account@2", "a", stack,
                                List.of("com.acme.Bank.start(Bank.java:9)"))))
                .cycle(List.of("a", "b")).build();
    }

    @Test
    void aDeadlockWhoseStacksArriveACycleLaterIsPrintedOnce() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            ConsoleLog log = new ConsoleLog();
            log.publish(null, List.of(deadlock(false)));
            log.publish(null, List.of(deadlock(true)));
            log.publish(null, List.of(deadlock(true)));
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString().lines().filter(l -> l.contains("DEADLOCK"))).hasSize(1);
    }

    @Test
    void aJvmKeptFromExitingIsOneFindingWhateverItsThreadsDo() {
        Finding before = Finding.of(FindingType.EXIT_BLOCKED, Severity.WARNING, "main ended 3s ago")
                .threads(List.of(new FindingThread("worker", 5, false, "RUNNABLE", null, null,
                        List.of("com.acme.Work.step(Work.java:1)"), List.of()))).durationMs(3_000).build();
        Finding later = Finding.of(FindingType.EXIT_BLOCKED, Severity.WARNING, "main ended 9s ago")
                .threads(List.of(new FindingThread("worker", 5, false, "TIMED_WAITING", null, null,
                        List.of("java.lang.Thread.sleep(Native Method)"), List.of()))).durationMs(9_000).build();
        assertThat(FindingKey.of(before)).isEqualTo(FindingKey.of(later));
    }

    private static Finding executors(String newest, int count, String site) {
        return Finding.of(FindingType.LEAKED_EXECUTOR, Severity.WARNING, count + " executors")
                .executor(newest).count(count)
                .createdAt(List.of("java.base/java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                        site, "com.acme.Main.main(Main.java:3)"))
                .build();
    }

    @Test
    void aGrowingPileOfExecutorsIsOneFindingAndTwoSitesAreTwo() {
        assertThat(FindingKey.of(executors("HikariPool-4 housekeeper", 4, "com.acme.Db.open(Db.java:9)")))
                .isEqualTo(FindingKey.of(executors("HikariPool-5 housekeeper", 5, "com.acme.Db.open(Db.java:9)")))
                .isNotEqualTo(FindingKey.of(executors("HikariPool-5 housekeeper", 5, "com.acme.Cache.open(Cache.java:4)")));
    }

    @Test
    void aPileOfExecutorsHoldingNoThreadIsLoggedOnceAndAgainWhenTheExecutorsHaveDoubled() {
        // seen with one MongoDB client per call: 21 maintenance executors that had not started a thread, logged
        // again every cycle
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);
        for (int count : new int[] {10, 13, 21, 21, 21, 21}) {
            log.publish(null, List.of(executors("pool-" + count, count, "com.acme.Db.open(Db.java:9)")));
        }
        assertThat(lines).containsExactly("WARNING LEAKED_EXECUTOR: 10 executors", "WARNING LEAKED_EXECUTOR: 21 executors");
    }

    @Test
    void contentionWhoseThreadsAreGoneIsLoggedOnce() {
        Finding gone = Finding.of(FindingType.CONTENTION, Severity.INFO, "2 threads waited 600 ms")
                .lock("com.acme.Ledger").site(List.of("com.acme.Ledger.post(Ledger.java:42)")).count(20).build();
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);
        for (int i = 0; i < 3; i++) {
            log.publish(null, List.of(gone));
        }
        assertThat(lines).containsExactly("INFO CONTENTION: 2 threads waited 600 ms");
    }

    /** Virtual threads that one executor of the JDK started, parked at {@code waitsIn} of the application. */
    private static Finding parkedVirtualThreads(String summary, int count, String waitsIn) {
        List<String> created = List.of("java.base/java.lang.System$1.start(System.java:2231)",
                "java.base/java.util.concurrent.ThreadPerTaskExecutor.start(ThreadPerTaskExecutor.java:226)",
                "com.acme.Server.accept(Server.java:40)");
        List<String> stack = List.of("java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:367)", waitsIn,
                "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)");
        List<FindingThread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            threads.add(new FindingThread("handler-" + i, 100 + i, true, "WAITING", null, null, stack, created));
        }
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, summary).threads(threads).count(count)
                .durationMs(5_000).build();
    }

    @Test
    void twoGroupsOfVirtualThreadsOfOneExecutorParkedAtDifferentPlacesAreEachLoggedOnce() {
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);
        for (int cycle = 0; cycle < 5; cycle++) {
            log.publish(null, List.of(parkedVirtualThreads("2 virtual threads waiting in Orders.await", 2,
                            "com.acme.Orders.await(Orders.java:12)"),
                    parkedVirtualThreads("virtual thread waiting in Stock.reserve", 1,
                            "com.acme.Stock.reserve(Stock.java:30)")));
        }
        assertThat(lines).containsExactly("WARNING LEAKED_THREAD: 2 virtual threads waiting in Orders.await",
                "WARNING LEAKED_THREAD: virtual thread waiting in Stock.reserve");
    }

    @Test
    void twoFindingsOfOneCycleThatLookAlikeAreStillTwoFindings() {
        List<String> lines = new java.util.ArrayList<>();
        ConsoleLog log = new ConsoleLog(lines::add);
        for (int cycle = 0; cycle < 5; cycle++) {
            log.publish(null, List.of(stuckThreads(2), stuckThreads(1)));
        }
        assertThat(lines).containsExactly("WARNING LEAKED_THREAD: 2 threads (a, b, c and more) waiting",
                "WARNING LEAKED_THREAD: 1 threads (a, b, c and more) waiting");
    }
}
