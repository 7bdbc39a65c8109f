package dev.threadhound.junit;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check's looks, fed by a source that answers what the agent's reads can: two threads that contend for one
 * monitor read a moment apart, each blocked on it "held by" the other, a deadlock that never was.
 */
class LeakCheckTest {

    private static final String STREAM = "java.io.BufferedOutputStream@45bfbcab";

    @Test
    void aDeadlockOnlyOneLookFoundDoesNotFailTheCheck() {
        Looks looks = new Looks(none(), misread(101), none());

        List<Finding> left = LeakCheck.start("test writes", null, LeakOptions.defaults(), looks).findLeaks();

        assertThat(left).isEmpty();
        assertThat(looks.taken).as("before, the look that misread, the look that did not").isEqualTo(3);
    }

    @Test
    void aDeadlockTheNextLookFindsTooEndsTheCheckAtOnce() {
        Looks looks = new Looks(none(), misread(201), misread(201));

        List<Finding> left = LeakCheck.start("test writes", null, LeakOptions.defaults(), looks).findLeaks();

        assertThat(left).extracting(Finding::type).containsExactly(FindingType.DEADLOCK);
        assertThat(looks.taken).isEqualTo(3);
    }

    private static Snapshot none() {
        return Snapshot.ofThreads(System.currentTimeMillis(), List.of());
    }

    /** Ids of its own for each test: a thread reported once is not reported again in the JVM. */
    private static Snapshot misread(long firstId) {
        return Snapshot.ofThreads(System.currentTimeMillis(), List.of(
                blocked(firstId, "writer", firstId + 1, "timer", "com.example.Script.write(Script.java:40)"),
                blocked(firstId + 1, "timer", firstId, "writer", "com.example.Script.sync(Script.java:77)")));
    }

    private static ThreadRecord blocked(long id, String name, long ownerId, String owner, String frame) {
        return new ThreadRecord(id, name, false, false, "BLOCKED", List.of(frame), STREAM, ownerId, owner, 1, 0, -1,
                List.of(), -1, null, 0);
    }

    /** Answers the given snapshots in turn, the last one again once they are used up. */
    private static final class Looks implements SnapshotSource {
        private final Deque<Snapshot> answers;
        int taken;

        Looks(Snapshot... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public Snapshot take() {
            taken++;
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }

        @Override
        public boolean agent() {
            return false;
        }
    }
}
