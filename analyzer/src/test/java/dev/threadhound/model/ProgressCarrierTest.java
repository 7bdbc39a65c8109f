package dev.threadhound.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The carrier skips threads its source handed back as the very same records; what it returns must be what carrying
 * each snapshot over with {@link Progress#carry(Snapshot, Snapshot)} returns, whatever the threads do and however
 * much time passes between snapshots.
 */
class ProgressCarrierTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final List<String> TAKE = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "com.acme.Consumer.run(Consumer.java:40)");
    private static final List<String> AWAIT = List.of("java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "com.acme.Reminder.awaitConfirmation(Reminder.java:33)");
    private static final List<String> SLEEP = List.of("java.base/java.lang.Thread.sleep(Native Method)",
            "com.acme.Poller.poll(Poller.java:12)");
    private static final List<String> POLL = List.of("java.base/java.lang.Object.wait(Native Method)",
            "com.acme.Poller.awaitDone(Poller.java:20)");
    private static final List<String> SPIN = List.of("com.acme.Spinner.spin(Spinner.java:8)",
            "com.acme.Spinner.run(Spinner.java:4)");
    private static final List<String> LOCKED = List.of("com.acme.Ledger.post(Ledger.java:31)");

    /** One observation of thread {@code id}, drawn from what threads commonly do between two looks. */
    private static ThreadRecord observed(long id, Random random, long cpu, long counts) {
        boolean stackTaken = random.nextInt(3) > 0;
        return switch (random.nextInt(7)) {
            case 0 -> record(id, "WAITING", stackTaken ? TAKE : List.of(),
                    "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1a2b", 0, counts, cpu);
            case 1 -> record(id, "WAITING", stackTaken ? AWAIT : List.of(),
                    "java.util.concurrent.CountDownLatch$Sync@3c4d", 0, counts, cpu);
            case 2 -> record(id, "TIMED_WAITING", stackTaken ? SLEEP : List.of(), null, 0, counts, cpu);
            case 3 -> record(id, "TIMED_WAITING", stackTaken ? POLL : List.of(), "com.acme.Poller@5e6f", 0, counts,
                    cpu);
            case 4 -> record(id, "RUNNABLE", stackTaken ? SPIN : List.of(), null, 0, counts, cpu);
            case 5 -> record(id, "BLOCKED", stackTaken ? LOCKED : List.of(), "com.acme.Ledger@7a8b", counts, 0, cpu);
            default -> record(id, "WAITING", stackTaken ? TAKE : List.of(),
                    "java.util.concurrent.locks.ReentrantLock$NonfairSync@9c0d", 0, counts, cpu);
        };
    }

    private static ThreadRecord record(long id, String state, List<String> stack, String blockedOn, long blocked,
                                       long waited, long cpu) {
        return new ThreadRecord(id, "worker-" + id, false, false, state, stack, blockedOn, -1, null, blocked, waited,
                cpu, List.of(), -1, null, 0);
    }

    @Test
    void carriesOverWhatProgressCarriesOverWhileSkippingTheRecordsHandedBackAsTheyWere() {
        for (int seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            ProgressCarrier carrier = new ProgressCarrier();
            Snapshot plain = null;
            Snapshot lastCarried = null;
            List<ThreadRecord> given = new ArrayList<>();
            long nextId = 1;
            for (int i = 0; i < 12; i++) {
                given.add(observed(nextId++, random, 1_000, 2));
            }
            long at = T0;
            int keptOver = 0;
            for (int step = 0; step < 300; step++) {
                List<ThreadRecord> now = new ArrayList<>();
                for (ThreadRecord was : given) {
                    int draw = random.nextInt(10);
                    if (draw < 7) {
                        // as it was: the same record, as the agent's builder hands back a thread that has not moved
                        now.add(was);
                    } else if (draw < 8) {
                        // the same again, but a new record of it
                        now.add(record(was.id(), was.state(), was.stack(), was.blockedOn(), was.blockedCount(),
                                was.waitedCount(), was.cpuTimeNanos()));
                    } else if (draw < 9) {
                        // woken once, or it ran a little, in the same place
                        now.add(record(was.id(), was.state(), was.stack(), was.blockedOn(),
                                was.blockedCount() + (was.state().equals("BLOCKED") ? 1 : 0),
                                was.waitedCount() + (was.state().equals("BLOCKED") ? 0 : 1),
                                was.cpuTimeNanos() + random.nextInt(2) * 5_000_000L));
                    } else {
                        now.add(observed(was.id(), random, was.cpuTimeNanos() + random.nextInt(3) * 1_000_000L,
                                was.waitedCount() + random.nextInt(2)));
                    }
                }
                int churn = random.nextInt(20);
                if (churn == 0) {
                    Collections.shuffle(now, random);
                } else if (churn == 1 && now.size() > 4) {
                    now.remove(random.nextInt(now.size()));
                } else if (churn == 2) {
                    now.add(random.nextInt(now.size() + 1), observed(nextId++, random, 1_000, 2));
                }
                at += 1 + random.nextInt(random.nextInt(10) == 0 ? 600_000 : 20_000);
                Snapshot snapshot = Snapshot.ofThreads(at, List.copyOf(now));
                Snapshot expected = Progress.carry(plain, snapshot);
                Snapshot carried = carrier.carry(snapshot);
                assertThat(carried.threads()).as("seed %d, step %d", seed, step).isEqualTo(expected.threads());
                assertThat(carried.lockSamples()).as("seed %d, step %d", seed, step).isEqualTo(expected.lockSamples());
                for (ThreadRecord t : carried.threads()) {
                    if (lastCarried != null && lastCarried.threads().stream().anyMatch(was -> was == t)) {
                        keptOver++;
                    }
                }
                lastCarried = carried;
                plain = expected;
                given = now;
            }
            assertThat(keptOver).as("threads were carried over as they were, seed %d", seed).isGreaterThan(1_000);
        }
    }
}
