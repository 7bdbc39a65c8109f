package dev.threadhound.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final List<String> TAKE = List.of(
            "java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "com.acme.Consumer.run(Consumer.java:40)");
    private static final List<String> AWAIT = List.of("java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "com.acme.Reminder.awaitConfirmation(Reminder.java:33)");
    private static final List<String> PUT = List.of(
            "java.base/java.util.concurrent.ArrayBlockingQueue.put(ArrayBlockingQueue.java:370)",
            "com.acme.Consumer.forward(Consumer.java:52)");

    private static ThreadRecord thread(String state, List<String> stack, long blocked, long waited, long cpu) {
        return new ThreadRecord(7, "consumer", false, false, state, stack, null, -1, null, blocked, waited, cpu,
                List.of(), -1, null, 0);
    }

    private static ThreadRecord waitingInTake(long waited) {
        return thread("WAITING", TAKE, 0, waited, 1000);
    }

    private static Snapshot at(long millis, ThreadRecord... threads) {
        return Snapshot.ofThreads(millis, List.of(threads));
    }

    private static long stalledSince(Snapshot s) {
        return s.threads().get(0).stalledSince();
    }

    @Test
    void aThreadSeenForTheFirstTimeHasBeenStalledSinceThisSnapshot() {
        assertThat(stalledSince(Progress.carry(null, at(T0, waitingInTake(5))))).isEqualTo(T0);
    }

    @Test
    void aSourceThatKnowsSinceWhenKeepsItsEarlierTime() {
        Snapshot s = Progress.carry(null, at(T0, waitingInTake(5).withStalledSince(T0 - 60_000)));
        assertThat(stalledSince(s)).isEqualTo(T0 - 60_000);
        Snapshot future = Progress.carry(null, at(T0, waitingInTake(5).withStalledSince(T0 + 60_000)));
        assertThat(stalledSince(future)).isEqualTo(T0);
    }

    @Test
    void anUnchangedThreadKeepsItsStallAcrossSnapshots() {
        Snapshot s = Progress.carry(null, at(T0, waitingInTake(5)));
        s = Progress.carry(s, at(T0 + 10_000, waitingInTake(5)));
        s = Progress.carry(s, at(T0 + 20_000, waitingInTake(5)));
        assertThat(stalledSince(s)).isEqualTo(T0);
    }

    @Test
    void growingWaitedOrBlockedCountsAreProgress() {
        Snapshot first = Progress.carry(null, at(T0, thread("WAITING", TAKE, 0, 5, 1000)));
        assertThat(stalledSince(Progress.carry(first, at(T0 + 10_000, thread("WAITING", TAKE, 0, 6, 1000)))))
                .isEqualTo(T0 + 10_000);
        assertThat(stalledSince(Progress.carry(first, at(T0 + 10_000, thread("WAITING", TAKE, 1, 5, 1000)))))
                .isEqualTo(T0 + 10_000);
    }

    @Test
    void wokenAndBackWaitingOnTheSameLatchTaskOrThreadIsNoProgress() {
        for (String oneShot : List.of("java.util.concurrent.CountDownLatch$Sync@1b6d3586",
                "java.util.concurrent.FutureTask@4554617c", "java.lang.Thread@74a14482")) {
            Snapshot first = Progress.carry(null, at(T0, waitingOn("WAITING", AWAIT, oneShot, 5)));
            Snapshot interrupted = Progress.carry(first, at(T0 + 10_000, waitingOn("WAITING", AWAIT, oneShot, 105)));
            assertThat(stalledSince(interrupted)).as(oneShot).isEqualTo(T0);
            // another one, or a timed wait (a polling loop, judged as such), is a new wait
            assertThat(stalledSince(Progress.carry(first, at(T0 + 10_000, waitingOn("WAITING", AWAIT,
                    oneShot.replace('@', '#') + "@1", 105))))).as(oneShot).isEqualTo(T0 + 10_000);
            Snapshot timed = Progress.carry(null, at(T0, waitingOn("TIMED_WAITING", AWAIT, oneShot, 5)));
            assertThat(stalledSince(Progress.carry(timed, at(T0 + 10_000, waitingOn("TIMED_WAITING", AWAIT, oneShot,
                    105))))).as(oneShot).isEqualTo(T0 + 10_000);
        }
        // a consumer woken by its queue and back on the queue's condition has taken something
        String condition = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@6d06d69c";
        Snapshot consumer = Progress.carry(null, at(T0, waitingOn("WAITING", TAKE, condition, 5)));
        assertThat(stalledSince(Progress.carry(consumer, at(T0 + 10_000, waitingOn("WAITING", TAKE, condition, 6)))))
                .isEqualTo(T0 + 10_000);
    }

    @Test
    void aLookThatFindsItRunningBetweenTwoWaitsOnTheSameLatchIsNoProgressEither() {
        List<String> retrying = List.of("com.acme.Reminder.awaitConfirmation(Reminder.java:35)");
        String latch = "java.util.concurrent.CountDownLatch$Sync@1b6d3586";
        Snapshot s = Progress.carry(null, at(T0, waitingOn("WAITING", AWAIT, latch, 5)));
        s = Progress.carry(s, at(T0 + 10_000, waitingOn("WAITING", AWAIT, latch, 105)));
        // a starved machine: the cycle finds it between the interrupt and its next wait
        s = Progress.carry(s, at(T0 + 11_000, waitingOn("RUNNABLE", retrying, null, 115)));
        assertThat(stalledSince(s)).isEqualTo(T0 + 11_000);
        s = Progress.carry(s, at(T0 + 12_000, waitingOn("WAITING", AWAIT, latch, 125)));
        assertThat(stalledSince(s)).as("waiting since it first waited there").isEqualTo(T0);
        assertThat(s.threads().get(0).history().learned().longestByPlace())
                .as("not a wait it came back from").isEmpty();

        // the latch opened, and it went on to wait elsewhere: that is progress, and a wait it came back from
        Snapshot opened = Progress.carry(s, at(T0 + 13_000, waitingOn("RUNNABLE", retrying, null, 126)));
        opened = Progress.carry(opened, at(T0 + 14_000, waitingOn("WAITING", TAKE,
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@6d06d69c", 127)));
        assertThat(stalledSince(opened)).isEqualTo(T0 + 14_000);
        assertThat(opened.threads().get(0).history().oneShot()).isNull();
        assertThat(opened.threads().get(0).history().learned().longestByPlace()).hasSize(1);
    }

    private static ThreadRecord waitingOn(String state, List<String> stack, String blockedOn, long waited) {
        return new ThreadRecord(7, "reminder", false, false, state, stack, blockedOn, -1, null, 0, waited, 1000,
                List.of(), -1, null, 0);
    }

    @Test
    void cpuTimeIsProgressOnlyForARunningThread() {
        Snapshot running = Progress.carry(null, at(T0, thread("RUNNABLE", PUT, 0, 5, 1000)));
        assertThat(stalledSince(Progress.carry(running, at(T0 + 10_000, thread("RUNNABLE", PUT, 0, 5, 2000)))))
                .isEqualTo(T0 + 10_000);
        // JDK 17 charges a thread blocked on a monitor a few microseconds between samples; it has not moved
        Snapshot blocked = Progress.carry(null, at(T0, thread("BLOCKED", PUT, 3, 5, 839_139)));
        assertThat(stalledSince(Progress.carry(blocked, at(T0 + 10_000, thread("BLOCKED", PUT, 3, 5, 864_776)))))
                .isEqualTo(T0);
    }

    @Test
    void aVirtualThreadParkedOnANewObjectHasMovedThoughItHasNoWaitCounts() {
        Snapshot first = Progress.carry(null, at(T0, joining("java.util.concurrent.CompletableFuture$Signaller@1f")));
        Snapshot same = Progress.carry(first, at(T0 + 10_000, joining("java.util.concurrent.CompletableFuture$Signaller@1f")));
        assertThat(stalledSince(same)).isEqualTo(T0);
        assertThat(stalledSince(Progress.carry(same, at(T0 + 20_000, joining("java.util.concurrent.CompletableFuture$Signaller@2e")))))
                .as("a new future joined").isEqualTo(T0 + 20_000);
        assertThat(stalledSince(Progress.carry(same, at(T0 + 20_000, joining(null)))))
                .as("a blocker not known is no evidence").isEqualTo(T0);
    }

    private static ThreadRecord joining(String blocker) {
        return new ThreadRecord(7, "session", true, true, "WAITING", TAKE, blocker, -1, null, -1, -1, -1,
                List.of(), -1, null, 0);
    }

    @Test
    void aChangedStateOrTopFrameIsProgress() {
        Snapshot first = Progress.carry(null, at(T0, waitingInTake(5)));
        assertThat(stalledSince(Progress.carry(first, at(T0 + 10_000, thread("BLOCKED", TAKE, 0, 5, 1000)))))
                .isEqualTo(T0 + 10_000);
        assertThat(stalledSince(Progress.carry(first, at(T0 + 10_000, thread("WAITING", PUT, 0, 5, 1000)))))
                .isEqualTo(T0 + 10_000);
    }

    @Test
    void unknownCountsAndMissingStacksAreNoEvidenceOfProgress() {
        Snapshot first = Progress.carry(null, at(T0, thread("WAITING", TAKE, -1, -1, -1)));
        Snapshot next = Progress.carry(first, at(T0 + 10_000, thread("WAITING", List.of(), -1, -1, -1)));
        assertThat(stalledSince(next)).isEqualTo(T0);
    }

    @Test
    void aThreadThatEndedIsDroppedAndANewOneStartsFresh() {
        ThreadRecord other = new ThreadRecord(8, "other", false, false, "WAITING", TAKE, null, -1, null, 0, 0, 0,
                List.of(), -1, null, 0);
        Snapshot first = Progress.carry(null, at(T0, waitingInTake(5)));
        Snapshot next = Progress.carry(first, at(T0 + 10_000, other));
        assertThat(next.threads()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(8);
            assertThat(t.stalledSince()).isEqualTo(T0 + 10_000);
        });
    }

    /** A registry lists its threads in hash order: threads that start or end between two looks reorder the rest. */
    @Test
    void everyThreadIsMatchedAgainWhateverTheOrderAndWhicheverEndedOrStarted() {
        java.util.Random random = new java.util.Random(14);
        List<Long> before = new java.util.ArrayList<>(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 42));
        for (long id = 1; id <= 3_000; id++) {
            before.add(id * (id % 7 == 0 ? 1024 : 1));
        }
        java.util.Collections.shuffle(before, random);
        // each thread stalled since a time of its own: matched with another, it would show that one's
        java.util.Map<Long, Long> since = new java.util.HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            since.put(before.get(i), T0 - 1_000L * (i + 1));
        }
        Snapshot first = Progress.carry(null, Snapshot.ofThreads(T0,
                before.stream().map(id -> parked(id).withStalledSince(since.get(id))).toList()));
        List<Long> after = new java.util.ArrayList<>(before.subList(100, before.size()));
        for (long id = 10_000_000; id < 10_000_200; id++) {
            after.add(random.nextInt(after.size()), id);
            since.put(id, T0 + 10_000);
        }
        java.util.Collections.swap(after, 0, after.size() - 1);
        Snapshot next = Progress.carry(first, Snapshot.ofThreads(T0 + 10_000,
                after.stream().map(ProgressTest::parked).toList()));
        assertThat(next.threads()).hasSize(after.size()).allSatisfy(t -> assertThat(t.stalledSince())
                .as("thread %d", t.id()).isEqualTo(since.get(t.id())));
    }

    @Test
    void aFewThreadsWithOneEndedAndOneStartedAreMatchedAtEverySize() {
        // the smallest tables: a thread looked up in vain must find a free slot
        for (int n = 1; n <= 20; n++) {
            List<Long> before = new java.util.ArrayList<>();
            for (long id = 1; id <= n; id++) {
                before.add(id);
            }
            Snapshot first = Progress.carry(null, Snapshot.ofThreads(T0,
                    before.stream().map(id -> parked(id).withStalledSince(T0 - id)).toList()));
            List<Long> after = new java.util.ArrayList<>(before.subList(1, n));
            after.add(0, 1_000L);
            Snapshot next = Progress.carry(first, Snapshot.ofThreads(T0 + 10_000,
                    after.stream().map(ProgressTest::parked).toList()));
            assertThat(next.threads()).as("%d threads", n).hasSize(n).allSatisfy(t -> assertThat(t.stalledSince())
                    .isEqualTo(t.id() == 1_000L ? T0 + 10_000 : T0 - t.id()));
        }
    }

    private static ThreadRecord parked(long id) {
        return new ThreadRecord(id, "t" + id, false, false, "WAITING", TAKE, null, -1, null, 0, 5, -1, List.of(), -1,
                null, 0);
    }

    @Test
    void aTaskKeepsItsSinceWhileItStaysInTheSameStateAndStartsAgainWhenItMoves() {
        TaskRecord queued = new TaskRecord("mail", "java.util.concurrent.FutureTask@1", "com.acme.Send",
                TaskState.QUEUED, List.of(), -1, 0);
        TaskRecord running = new TaskRecord("mail", "java.util.concurrent.FutureTask@1", "com.acme.Send",
                TaskState.RUNNING, List.of(), 21, 0);
        Snapshot s = Progress.carry(null, at(T0).withTasks(List.of(queued)));
        s = Progress.carry(s, at(T0 + 10_000).withTasks(List.of(queued)));
        assertThat(s.tasks().get(0).since()).isEqualTo(T0);
        s = Progress.carry(s, at(T0 + 20_000).withTasks(List.of(running)));
        assertThat(s.tasks().get(0).since()).isEqualTo(T0 + 20_000);
    }

    private static ExecutorRecord pool(int active, int queued) {
        return new ExecutorRecord("java.util.concurrent.ThreadPoolExecutor@1", "pricing", ExecutorKind.THREAD_POOL,
                List.of(), T0 - 100_000, false, 2, active, 2, queued, 100, 0, 0, List.of(51L, 52L), -1, 0, 0, 0);
    }

    private static ExecutorRecord carried(Snapshot s) {
        return s.executors().get(0);
    }

    @Test
    void idleSinceStartsWhenTheExecutorHasNothingToDoAndResetsWhenItWorks() {
        Snapshot s = Progress.carry(null, at(T0).withExecutors(List.of(pool(0, 0))));
        assertThat(carried(s).idleSince()).isEqualTo(T0);
        s = Progress.carry(s, at(T0 + 10_000).withExecutors(List.of(pool(0, 0))));
        assertThat(carried(s).idleSince()).isEqualTo(T0);
        s = Progress.carry(s, at(T0 + 20_000).withExecutors(List.of(pool(1, 0))));
        assertThat(carried(s).idleSince()).isZero();
        s = Progress.carry(s, at(T0 + 30_000).withExecutors(List.of(pool(0, 0))));
        assertThat(carried(s).idleSince()).isEqualTo(T0 + 30_000);
    }

    @Test
    void whenTheWorkersLastEndedATaskIsWhenTheExecutorBecameIdleWhateverTheCyclesSaw() {
        ExecutorRecord endedEarly = pool(0, 0).withProgress(T0 - 7_000, 0, 0);
        Snapshot s = Progress.carry(null, at(T0).withExecutors(List.of(endedEarly)));
        assertThat(carried(s).idleSince()).as("idle before the first cycle that saw it").isEqualTo(T0 - 7_000);
        ExecutorRecord ranBetweenCycles = pool(0, 0).withProgress(T0 + 4_000, 0, 0);
        s = Progress.carry(s, at(T0 + 10_000).withExecutors(List.of(ranBetweenCycles)));
        assertThat(carried(s).idleSince()).as("a task ran between two cycles that saw it idle").isEqualTo(T0 + 4_000);
        s = Progress.carry(s, at(T0 + 20_000).withExecutors(List.of(pool(0, 0))));
        assertThat(carried(s).idleSince()).as("not known: what was seen").isEqualTo(T0 + 4_000);
    }

    @Test
    void saturatedSinceStartsWhenEveryWorkerIsBusyWithWorkQueuedAndRemembersTheQueueThen() {
        Snapshot s = Progress.carry(null, at(T0).withExecutors(List.of(pool(2, 0))));
        assertThat(carried(s).saturatedSince()).isZero();
        s = Progress.carry(s, at(T0 + 10_000).withExecutors(List.of(pool(2, 5))));
        assertThat(carried(s).saturatedSince()).isEqualTo(T0 + 10_000);
        assertThat(carried(s).queuedAtSaturation()).isEqualTo(5);
        s = Progress.carry(s, at(T0 + 20_000).withExecutors(List.of(pool(2, 40))));
        assertThat(carried(s).saturatedSince()).isEqualTo(T0 + 10_000);
        assertThat(carried(s).queuedAtSaturation()).isEqualTo(5);
        assertThat(carried(s).queued()).isEqualTo(40);
        s = Progress.carry(s, at(T0 + 25_000).withExecutors(List.of(pool(1, 60))));
        assertThat(carried(s).saturatedSince()).as("a worker caught between two tasks, its pool full and work queued")
                .isEqualTo(T0 + 10_000);
        s = Progress.carry(s, at(T0 + 30_000).withExecutors(List.of(pool(1, 0))));
        assertThat(carried(s).saturatedSince()).isZero();
        assertThat(carried(s).queuedAtSaturation()).isZero();
        assertThat(carried(s).idleSince()).isZero();
    }

    @Test
    void aStartTheSourceDidNotKnowIsTheFirstSnapshotThatShowedTheThread() {
        Snapshot first = Progress.carry(null, at(T0, waitingInTake(5)));
        Snapshot later = Progress.carry(first, at(T0 + 10_000, waitingInTake(6)));
        assertThat(later.threads().get(0).startedAt()).isEqualTo(T0);

        ThreadRecord known = waitingInTake(5).withStartedAt(T0 - 60_000);
        assertThat(Progress.carry(null, at(T0, known)).threads().get(0).startedAt()).isEqualTo(T0 - 60_000);
    }
}
