package dev.threadhound.detect;

import dev.threadhound.model.FilledList;
import dev.threadhound.model.LockSamples;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadSubsetsTest {

    private static final ThreadRecord RUNNING = thread(1, "busy").runnable().cpu(10).build();
    private static final ThreadRecord WAITING_FOR_OWNER = thread(2, "blocked").blocked()
            .blockedOn("java.lang.Object@1").heldBy(3, "holder").build();
    private static final ThreadRecord WORKER = thread(3, "pool-1-thread-1").waiting().executor("pool-1").build();
    private static final ThreadRecord PARKED = thread(4, "parked").waiting().blockedOn("java.lang.Object@2").build();

    private static Snapshot agentLike(List<ThreadRecord> threads) {
        FilledList.Filler<ThreadRecord> filler = FilledList.filler(threads.size());
        threads.forEach(filler::add);
        return Snapshot.ofThreads(NOW, filler.list());
    }

    @Test
    void theThreadsSomeDetectorsLookAtAreFoundInSnapshotOrder() {
        ThreadSubsets subsets = ThreadSubsets.of(agentLike(List.of(PARKED, WORKER, WAITING_FOR_OWNER, RUNNING)));

        assertThat(subsets.running()).containsExactly(RUNNING);
        assertThat(subsets.owned()).containsExactly(WAITING_FOR_OWNER);
        assertThat(subsets.workers()).containsExactly(WORKER);
    }

    @Test
    void aSnapshotsListKeepsItsSubsetsForEveryDetectorAndEveryCopyOfTheSnapshot() {
        Snapshot snapshot = agentLike(List.of(PARKED, WORKER, WAITING_FOR_OWNER, RUNNING));
        ThreadSubsets first = ThreadSubsets.of(snapshot);

        assertThat(ThreadSubsets.of(snapshot)).isSameAs(first);
        assertThat(ThreadSubsets.of(snapshot.withLockSamples(LockSamples.NONE))).isSameAs(first);
        // another list of threads (a snapshot without a deadlock cycle's threads) has subsets of its own
        assertThat(ThreadSubsets.of(snapshot.withThreads(List.of(PARKED, RUNNING))).owned()).isEmpty();
        assertThat(ThreadSubsets.of(agentLike(List.of(PARKED))).running()).isEmpty();
    }

    @Test
    void detectorsFindWhatTheyFoundBeforeInASnapshotTheAgentFilled() {
        // the agent's snapshots keep their subsets with their list; a thread dump's are made per detector
        List<ThreadRecord> deadlocked = List.of(PARKED,
                thread(10, "a").blocked().blockedOn("java.lang.Object@b").heldBy(11, "b").build(),
                thread(11, "b").blocked().blockedOn("java.lang.Object@a").heldBy(10, "a").build());
        Snapshot filled = agentLike(deadlocked);
        Snapshot copied = Snapshot.ofThreads(NOW, deadlocked);

        List<?> fromFilled = new DeadlockDetector().detect(filled, DetectOptions.defaults());
        assertThat(fromFilled).hasSize(1).isEqualTo(new DeadlockDetector().detect(copied, DetectOptions.defaults()));
        assertThat(new DeadlockDetector().detect(filled, DetectOptions.defaults())).isEqualTo(fromFilled);
    }
}
