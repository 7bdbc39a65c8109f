package dev.threadhound.agent.snapshot;

import java.time.Duration;

/**
 * How many stacks one snapshot may take: a time budget and a count, whichever runs out first. A stack costs
 * 10-50 µs (and, on JDK 17, a pause of every thread for each batch), so ten thousand new suspects are taken over
 * several cycles rather than in one long stop.
 */
final class StackBudget {

    private final long deadline;
    private int left;

    StackBudget(Duration time, int count) {
        this.deadline = System.nanoTime() + time.toNanos();
        this.left = count;
    }

    /** How many of {@code wanted} stacks may be taken now: 0 once the time or the count is spent. */
    int allowance(int wanted) {
        return System.nanoTime() - deadline < 0 ? Math.min(wanted, left) : 0;
    }

    void spent(int n) {
        left -= n;
    }

}
