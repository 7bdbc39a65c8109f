package dev.threadhound.agent.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EndBurstsTest {

    /** A clock that threads end by: {@code perStep[k]} end during the k-th sleep. */
    private static final class Ending implements EndBursts.Sleeper {
        private final long[] perSleep;
        private final List<Long> slept = new ArrayList<>();
        private long ended;

        Ending(long... perSleep) {
            this.perSleep = perSleep;
        }

        @Override
        public void sleep(long millis) {
            ended += slept.size() < perSleep.length ? perSleep[slept.size()] : 0;
            slept.add(millis);
        }
    }

    @Test
    void whileFewThreadsEndTheCycleComesOnTime() throws InterruptedException {
        Ending clock = new Ending(3_000, 10);
        EndBursts bursts = new EndBursts(() -> clock.ended, 5_000);

        assertThat(bursts.sleep(1_000, clock)).isZero();
        assertThat(clock.slept).as("the last step watches the ends").containsExactly(950L, 50L);
    }

    @Test
    void aBurstOfEndsHoldsTheCycleBackUntilAStepSeesFewEnd() throws InterruptedException {
        // a thousand threads released at once end over the last step of the wait and the three after it
        Ending clock = new Ending(0, 300, 300, 300, 100, 5);
        EndBursts bursts = new EndBursts(() -> clock.ended, 5_000);

        assertThat(bursts.sleep(1_000, clock)).isEqualTo(200);
        assertThat(clock.slept).containsExactly(950L, 50L, 50L, 50L, 50L, 50L);
    }

    @Test
    void threadsThatNeverStopEndingHoldItBackAtMostTheLongest() throws InterruptedException {
        Ending clock = new Ending(0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100);
        EndBursts bursts = new EndBursts(() -> clock.ended, 200);

        assertThat(bursts.sleep(100, clock)).isEqualTo(200);
        assertThat(clock.slept).containsExactly(50L, 50L, 50L, 50L, 50L, 50L);
    }
}
