package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which stacks a snapshot takes first, and that a starved machine, where the time budget is spent before the first
 * stack, still takes the stacks of threads that stayed waiting, not only the urgent looks, and the cheap looks a
 * thread needs only once.
 */
class StackRequestsTest {

    @Test
    void aSpentBudgetStillAllowsItsFloor() {
        StackBudget budget = new StackBudget(Duration.ZERO, 100, 0);
        assertThat(budget.allowance(StackBudget.FLOOR + 5)).isEqualTo(StackBudget.FLOOR);
        budget.spent(StackBudget.FLOOR);
        assertThat(budget.allowance(5)).isZero();
    }

    @Test
    void theCountCapsTheFloorToo() {
        StackBudget budget = new StackBudget(Duration.ZERO, 1, 0);
        assertThat(budget.allowance(5)).isEqualTo(1);
    }

    @Test
    void withinItsTimeTheBudgetAllowsWhatTheCountLeaves() {
        StackBudget budget = new StackBudget(Duration.ofMinutes(1), 10, 0);
        assertThat(budget.allowance(4)).isEqualTo(4);
        budget.spent(8);
        assertThat(budget.allowance(4)).isEqualTo(2);
    }

    @Test
    void oneOfEachNewKindComesFirstThenTheRestInScanOrder() {
        StackRequests requests = new StackRequests(Set::of, 100);
        requests.add(0, 1);
        requests.add(1, 1);
        requests.add(2, 2);
        requests.add(3, 1);
        assertThat(requests.ordered()).containsExactly(0, 2, 1, 3);
    }

    @Test
    void waitingThreadsUpToTheFloorGoAheadOfTheUrgentOnes() {
        StackRequests requests = new StackRequests(Set::of, 100);
        requests.urgent(20);
        requests.urgent(21);
        for (int i = 0; i <= StackBudget.FLOOR; i++) {
            requests.add(i, i + 1);
        }
        int[] expected = new int[StackBudget.FLOOR + 3];
        for (int i = 0; i < StackBudget.FLOOR; i++) {
            expected[i] = i;
        }
        expected[StackBudget.FLOOR] = 20;
        expected[StackBudget.FLOOR + 1] = 21;
        expected[StackBudget.FLOOR + 2] = StackBudget.FLOOR;
        assertThat(requests.ordered()).containsExactly(expected);
    }

    @Test
    void aThreadBothUrgentAndWaitingIsTakenOnce() {
        StackRequests requests = new StackRequests(Set::of, 100);
        requests.urgent(0);
        requests.add(0, 1);
        requests.add(1, 2);
        assertThat(requests.ordered()).containsExactly(0, 1);
    }

    @Test
    void coveredKindsAndTheCountLimitTheWaitingOnes() {
        StackRequests requests = new StackRequests(() -> Set.of(1L), 2);
        requests.add(0, 1);
        requests.add(1, 2);
        requests.add(2, 1);
        assertThat(requests.ordered()).containsExactly(1, 0);
    }

    @Test
    void onceLooksGoFirstAndAreTakenBesidesTheFloorWhenTheTimeIsSpent() {
        StackRequests requests = new StackRequests(Set::of, 100);
        requests.urgent(27);
        requests.once(25);
        requests.once(26);
        for (int i = 0; i <= StackBudget.FLOOR; i++) {
            requests.add(i, i + 1);
        }
        int[] expected = new int[StackBudget.FLOOR + 4];
        expected[0] = 25;
        expected[1] = 26;
        for (int i = 0; i < StackBudget.FLOOR; i++) {
            expected[2 + i] = i;
        }
        expected[StackBudget.FLOOR + 2] = 27;
        expected[StackBudget.FLOOR + 3] = StackBudget.FLOOR;
        assertThat(requests.ordered()).containsExactly(expected);
        StackBudget inTime = StackPolicy.SUSPECTS.budget(requests.onceCount());
        StackBudget starved = new StackBudget(Duration.ZERO, StackPolicy.SUSPECTS.mostStacks(), requests.onceCount());
        assertThat(starved.allowance(20)).as("the two once looks and the floor's waiting threads")
                .isEqualTo(2 + StackBudget.FLOOR);
        assertThat(inTime.allowance(20)).isEqualTo(20);
    }
}
