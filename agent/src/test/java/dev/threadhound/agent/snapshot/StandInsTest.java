package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StandInsTest {

    private static final Object SITE = new Object();
    private static final String LATCH = "java.util.concurrent.CountDownLatch$Sync@1b6d3586";
    private static final List<String> AT_AWAIT = List.of("Unsafe.park", "CountDownLatch.await", "Worker.await");

    @Test
    void aKindStandsInOnceEnoughOfItsStacksWereTakenAndAllAreOne() {
        StandIns standIns = new StandIns();
        for (int i = 0; i < StandIns.SAMPLES - 1; i++) {
            standIns.taken(SITE, Thread.State.WAITING, LATCH, AT_AWAIT);
        }
        assertThat(standIns.of(SITE, Thread.State.WAITING, LATCH)).as("one stack short").isNull();

        standIns.taken(SITE, Thread.State.WAITING, LATCH, AT_AWAIT);
        assertThat(standIns.of(SITE, Thread.State.WAITING, LATCH)).isSameAs(AT_AWAIT);
    }

    @Test
    void onlyTheVeryKindStandsIn() {
        StandIns standIns = new StandIns();
        for (int i = 0; i < StandIns.SAMPLES; i++) {
            standIns.taken(SITE, Thread.State.WAITING, LATCH, AT_AWAIT);
        }
        assertThat(standIns.of(new Object(), Thread.State.WAITING, LATCH)).as("started elsewhere").isNull();
        assertThat(standIns.of(SITE, Thread.State.BLOCKED, LATCH)).as("in another state").isNull();
        assertThat(standIns.of(SITE, Thread.State.WAITING, "java.util.concurrent.CountDownLatch$Sync@7a81197d"))
                .as("on another latch").isNull();
        assertThat(standIns.of(SITE, Thread.State.WAITING, LATCH)).isSameAs(AT_AWAIT);
    }

    @Test
    void aKindWhoseStacksDifferStandsInForNothing() {
        StandIns standIns = new StandIns();
        for (int i = 0; i < 10 * StandIns.SAMPLES; i++) {
            standIns.taken(SITE, Thread.State.WAITING, LATCH, AT_AWAIT);
        }
        standIns.taken(SITE, Thread.State.WAITING, LATCH, List.of("Unsafe.park", "CountDownLatch.await", "Other.await"));

        assertThat(standIns.of(SITE, Thread.State.WAITING, LATCH)).isNull();
    }
}
