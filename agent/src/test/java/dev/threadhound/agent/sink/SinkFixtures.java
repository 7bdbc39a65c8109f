package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.LockOrderEdge;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.PinningRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.List;

/** Hand-made snapshots and findings the sink tests share. */
final class SinkFixtures {

    static final long TAKEN_AT = 1_700_000_000_000L;

    private SinkFixtures() {
    }

    static ExecutorRecord executor(String identity, String name, int pool, int active, int max, int queued,
                                   long completed, long rejected) {
        return new ExecutorRecord(identity, name, max > 0 ? ExecutorKind.THREAD_POOL : ExecutorKind.THREAD_PER_TASK,
                List.of("com.acme.Server.start(Server.java:17)"), TAKEN_AT - 60_000, false, pool, active, max, queued,
                max > 0 ? 100 : -1, completed, rejected, List.of(), 1, 0, 0, 0);
    }

    static ThreadRecord thread(long id, String name, String state, List<String> stack, List<String> createdAt) {
        return ThreadRecord.of(id, name, state, stack).withCreation(createdAt, 1);
    }

    static Snapshot smallSnapshot() {
        return new Snapshot(TAKEN_AT,
                List.of(
                        thread(1, "main", "RUNNABLE", List.of("com.acme.Main.main(Main.java:5)"), List.of()),
                        thread(21, "worker-1", "BLOCKED", List.of("com.acme.Ledger.transfer(Ledger.java:42)"),
                                List.of("com.acme.Server.start(Server.java:17)")),
                        thread(22, "worker-2", "BLOCKED", List.of("com.acme.Ledger.transfer(Ledger.java:42)"),
                                List.of("com.acme.Server.start(Server.java:17)")),
                        thread(23, "poller", "TIMED_WAITING", List.of("java.lang.Thread.sleep(Native Method)"),
                                List.of())),
                List.of(),
                List.of(
                        executor("java.util.concurrent.ThreadPoolExecutor@1", "io-", 4, 3, 4, 7, 120, 2),
                        executor("java.util.concurrent.ThreadPoolExecutor@2", "io-", 2, 1, 4, 0, 30, 0),
                        executor("java.util.concurrent.ThreadPerTaskExecutor@3", "Jobs.run:12", 5, 5, -1, 0, 9, 0)),
                List.of(new ContentionRecord("com.acme.Ledger", "monitor",
                        List.of("com.acme.Ledger.transfer(Ledger.java:42)"), 1500, 30, 2)),
                List.of(new PinningRecord(List.of("com.acme.Cache.load(Cache.java:9)"), 40, 3)));
    }

    static Finding deadlock() {
        return Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "worker-1 and worker-2 wait for each other's <Ledger>")
                .threads(List.of(
                        new FindingThread("worker-1", 21, false, "BLOCKED", "com.acme.Ledger@1b6d3586", "worker-2",
                                List.of("com.acme.Ledger.transfer(Ledger.java:42)", "com.acme.Bank.pay(Bank.java:7)"),
                                List.of("com.acme.Server.start(Server.java:17)")),
                        new FindingThread("worker-2", 22, false, "BLOCKED", "com.acme.Ledger@4554617c", "worker-1",
                                List.of("com.acme.Ledger.transfer(Ledger.java:42)", "com.acme.Bank.pay(Bank.java:7)"),
                                List.of("com.acme.Server.start(Server.java:17)"))))
                .cycle(List.of("worker-1", "worker-2"))
                .build();
    }

    static Finding leakedTask() {
        return Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, "a task queued in io- never started")
                .executor("io-")
                .submittedAt(List.of("com.acme.Jobs.submit(Jobs.java:31)"))
                .durationMs(45_000)
                .state("QUEUED")
                .build();
    }

    /** The cycle of two ledger transfers that took the two accounts in opposite orders, a second apart. */
    static Finding potentialDeadlock() {
        List<String> transfer = List.of("com.acme.Ledger.transfer(Ledger.java:44)", "com.acme.Bank.pay(Bank.java:7)");
        List<String> refund = List.of("com.acme.Ledger.refund(Ledger.java:61)", "com.acme.Bank.undo(Bank.java:12)");
        return Finding.of(FindingType.POTENTIAL_DEADLOCK, Severity.WARNING, "lock-order cycle, a deadlock when these run"
                        + " at once: Ledger.transfer takes Ledger.to while holding Ledger.from; Ledger.refund the other way")
                .threads(List.of(
                        new FindingThread("payer-1", 31, false, "TIMED_WAITING", null, null, transfer, List.of()),
                        new FindingThread("refunds", 32, false, "TERMINATED", null, null, refund, List.of())))
                .lockOrder(List.of(
                        new LockOrderEdge("Ledger.from (com.acme.Account@1b6d3586)", "Ledger.to (com.acme.Account@4554617c)",
                                "payer-1", List.of("com.acme.Ledger.transfer(Ledger.java:42)", "com.acme.Bank.pay(Bank.java:7)"),
                                transfer),
                        new LockOrderEdge("Ledger.to (com.acme.Account@4554617c)", "Ledger.from (com.acme.Account@1b6d3586)",
                                "refunds", List.of("com.acme.Ledger.refund(Ledger.java:59)", "com.acme.Bank.undo(Bank.java:12)"),
                                refund)))
                .build();
    }

    static List<Finding> findings() {
        return List.of(deadlock(), leakedTask());
    }
}
