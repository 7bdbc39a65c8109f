package dev.threadhound.agent.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CyclePaceTest {

    private static final long MS = 1_000_000;

    /** A pace past its warm-up cycles, which come every interval whatever they cost. */
    private static CyclePace warm(long intervalMillis, long longestMillis, double budget) {
        CyclePace pace = new CyclePace(intervalMillis, longestMillis, budget);
        for (int i = 0; i < CyclePace.WARM_UP_CYCLES; i++) {
            assertThat(pace.next(500 * MS, 500 * MS)).as("warm-up cycle " + i).isEqualTo(intervalMillis);
        }
        return pace;
    }

    @Test
    void cheapCyclesComeEveryInterval() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        assertThat(pace.next(2 * MS, 3 * MS)).isEqualTo(1000);
        assertThat(pace.next(5 * MS, 6 * MS)).isEqualTo(1000);
    }

    @Test
    void aSteadyCostStretchesTheWaitToTheBudget() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        pace.next(45 * MS, 60 * MS);
        assertThat(pace.next(40 * MS, 60 * MS)).as("40 ms at 1 %: every 4 s, of which the cycle took 60 ms")
                .isEqualTo(3940);
        assertThat(pace.next(50 * MS, 60 * MS)).as("a median of 45 ms, and the 10 ms this cycle cost over the 40"
                + " its period allowed paid back").isEqualTo(5440);
        assertThat(pace.next(45 * MS, 60 * MS)).as("45 ms: every 4.5 s").isEqualTo(4440);
    }

    @Test
    void aSlowCycleWhilePacedIsPaidBackSoTheShareHoldsOverTime() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        pace.next(40 * MS, 50 * MS);
        assertThat(pace.next(40 * MS, 50 * MS)).isEqualTo(3950);
        assertThat(pace.next(40 * MS, 50 * MS)).isEqualTo(3950);
        assertThat(pace.next(140 * MS, 150 * MS)).as("the median is still 40 ms, but 99 ms were spent ahead of the"
                + " budget").isEqualTo(13_750);
        assertThat(pace.next(40 * MS, 50 * MS)).isEqualTo(4050);
        assertThat(pace.next(40 * MS, 50 * MS)).as("paid back").isEqualTo(3950);
    }

    @Test
    void aSlowCycleNearStuckAfterIsStillPaidBackInFull() {
        // 10,000 platform threads with stuckAfter=5s: a cycle of 37 ms fits the budget at one every 3.7 s, and a
        // slow one (a collection, code deoptimized) can be paid back only 13 ms a cycle, the waits being at most 5 s
        CyclePace pace = warm(1000, 5_000, 0.01);
        pace.next(37 * MS, 45 * MS);
        long cpu = 0;
        long period = 0;
        long wait = pace.next(37 * MS, 45 * MS);
        for (int i = 0; i < 40; i++) {
            long cycleCpu = i == 5 ? 237 * MS : 37 * MS;
            period += wait * MS + 45 * MS;
            cpu += cycleCpu;
            wait = pace.next(cycleCpu, 45 * MS);
        }
        assertThat((double) cpu / period).as("the share over 40 cycles, one of them 200 ms over")
                .isLessThanOrEqualTo(0.0101);
    }

    @Test
    void cyclesCheaperThanPlannedBuyAtMostOneCycleEarlier() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        pace.next(40 * MS, 50 * MS);
        assertThat(pace.next(40 * MS, 50 * MS)).isEqualTo(3950);
        pace.next(12 * MS, 20 * MS);
        pace.next(12 * MS, 20 * MS);
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(pace.next(12 * MS, 20 * MS));
        }
        assertThat(waits).as("12 ms a cycle is one every 1.2 s; the credit (at most the 12 ms of one cycle) is"
                + " spent first, at the interval").containsExactly(1000L, 1000L, 1000L, 1000L, 1000L, 1060L, 1180L, 1180L);
    }

    @Test
    void oneSlowCycleDoesNotStretchIt() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        pace.next(3 * MS, 4 * MS);
        pace.next(3 * MS, 4 * MS);
        assertThat(pace.next(400 * MS, 500 * MS)).as("a warm-up or a collection, once").isEqualTo(1000);
        assertThat(pace.next(3 * MS, 4 * MS)).isEqualTo(1000);
        assertThat(pace.next(3 * MS, 4 * MS)).isEqualTo(1000);
    }

    @Test
    void aCostlyColdStartDoesNotStretchItAndTheCostAfterDoes() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        assertThat(pace.next(20 * MS, 25 * MS)).as("one cycle after the warm-up decides nothing").isEqualTo(1000);
        assertThat(pace.next(20 * MS, 25 * MS)).as("20 ms at 1 %: every 2 s").isEqualTo(1975);
    }

    @Test
    void cyclesUnderTenMillisecondsAreNeverSpacedOutWhateverTheInterval() {
        CyclePace pace = warm(250, 5_000, 0.01);
        pace.next(9 * MS, 10 * MS);
        assertThat(pace.next(9 * MS, 10 * MS)).as("9 ms every 250 ms is 3.6 %, but the user asked for it")
                .isEqualTo(250);
        assertThat(pace.next(12 * MS, 13 * MS)).as("a median of 9 ms").isEqualTo(250);
        assertThat(pace.next(12 * MS, 13 * MS)).as("a median of 12 ms: every 1.2 s").isEqualTo(1187);
    }

    @Test
    void neverLongerThanStuckAfter() {
        CyclePace pace = warm(250, 5_000, 0.01);
        pace.next(150 * MS, 150 * MS);
        pace.next(150 * MS, 150 * MS);
        assertThat(pace.next(150 * MS, 150 * MS)).as("15 s by the budget, 5 s by stuckAfter").isEqualTo(5_000);
    }

    @Test
    void cyclesTooCostlyEvenAtStuckAfterSayWhatTheyTakeOnceThatHolds() {
        CyclePace pace = warm(1000, 5_000, 0.01);
        pace.next(60 * MS, 100 * MS);
        for (int i = 1; i < CyclePace.OVER_BUDGET_AFTER; i++) {
            assertThat(pace.next(60 * MS, 100 * MS)).isEqualTo(5_000);
            assertThat(pace.overBudget()).as("cycle " + i + " over the budget: not yet").isZero();
            assertThat(pace.overBudgetNow()).isTrue();
        }
        assertThat(pace.next(60 * MS, 100 * MS)).isEqualTo(5_000);
        assertThat(pace.overBudget()).as("60 ms every 5.1 s").isCloseTo(60.0 / 5100, within(1e-9));

        assertThat(pace.next(40 * MS, 50 * MS)).isEqualTo(5_000);
        assertThat(pace.overBudget()).as("the median is still 60 ms").isPositive();
        pace.next(40 * MS, 50 * MS);
        assertThat(pace.overBudget()).as("40 ms fits in 5 s at 1 %").isZero();
        assertThat(pace.overBudgetNow()).isFalse();
    }

    @Test
    void withinTheBudgetNothingIsOver() {
        CyclePace pace = warm(1000, 30_000, 0.01);
        for (int i = 0; i < 2 * CyclePace.OVER_BUDGET_AFTER; i++) {
            pace.next(60 * MS, 100 * MS);
        }
        assertThat(pace.overBudget()).as("60 ms every 6 s, well within stuckAfter").isZero();
        assertThat(pace.overBudgetNow()).isFalse();
    }

    @Test
    void offKeepsTheIntervalAndAnUnknownCostToo() {
        CyclePace off = warm(1000, 30_000, 1);
        off.next(500 * MS, 500 * MS);
        off.next(500 * MS, 500 * MS);
        assertThat(off.next(500 * MS, 500 * MS)).isEqualTo(1000);
        CyclePace unknown = warm(1000, 30_000, 0.01);
        unknown.next(-1, 500 * MS);
        unknown.next(-1, 500 * MS);
        assertThat(unknown.next(-1, 500 * MS)).isEqualTo(1000);
    }
}
