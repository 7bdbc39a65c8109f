package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmedDeadlocksTest {

    private static final String STREAM = "java.io.BufferedOutputStream@45bfbcab";

    private final ConfirmedDeadlocks deadlocks = new ConfirmedDeadlocks();

    /**
     * HSQLDB's quiet control, read a moment apart: main blocked on the stream's monitor held by the timer, the timer
     * blocked on it held by main. Told only when the next look finds it again; the next look did not.
     */
    @Test
    void aDeadlockIsToldOnceTheCycleBeforeFoundItToo() {
        Finding stream = deadlock(waits(3, "main", STREAM), waits(41, "HSQLDB Timer", STREAM));
        Finding leak = Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "thread x waiting").build();

        assertThat(deadlocks.of(List.of(stream, leak))).as("first look: the rest at once").containsExactly(leak);
        assertThat(deadlocks.heldBack()).as("a second look is wanted").isTrue();
        assertThat(deadlocks.of(List.of(leak))).containsExactly(leak);
        assertThat(deadlocks.heldBack()).isFalse();

        Finding real = deadlock(waits(31, "worker-1", "java.lang.Object@1b6d3586"),
                waits(32, "worker-2", "java.lang.Object@7a81197d"));
        assertThat(deadlocks.of(List.of(real))).isEmpty();
        assertThat(deadlocks.of(List.of(real))).as("still there a look later").containsExactly(real);
        assertThat(deadlocks.heldBack()).isFalse();
        assertThat(deadlocks.of(List.of(real))).containsExactly(real);

        Finding movedOn = deadlock(waits(31, "worker-1", "java.lang.Object@1b6d3586"),
                waits(32, "worker-2", "java.lang.Object@0ddba11"));
        assertThat(deadlocks.of(List.of(movedOn))).as("a thread waits on something else: another cycle").isEmpty();
    }

    private static FindingThread waits(long id, String name, String on) {
        return new FindingThread(name, id, false, "BLOCKED", on, null, List.of(), List.of());
    }

    private static Finding deadlock(FindingThread... threads) {
        return Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "deadlock: " + threads[0].name())
                .threads(List.of(threads)).build();
    }
}
