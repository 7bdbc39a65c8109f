package dev.threadhound.agent.snapshot;

import java.time.Duration;

/**
 * How many stacks one snapshot may take: a time budget and a count, whichever runs out first. A stack costs
 * 10-50 µs (and, on JDK 17, a pause of every thread for each batch), so ten thousand new suspects are taken over
 * several cycles rather than in one long stop.
 */
final class StackBudget {

    /** The periodic detector cycle: small enough that the cycle stays short while thousands of threads appear. */
    static StackBudget perCycle() {
        return new StackBudget(Duration.ofMillis(5), 2_000);
    }

    /** One {@code /threads} request: a person waits for it, a page of groups needs most stacks. */
    static StackBudget perRequest() {
        return new StackBudget(Duration.ofMillis(50), 20_000);
    }

    /** Every stack, whatever it costs: a tool asking once about a few threads (the JUnit check). */
    static StackBudget unlimited() {
        return new StackBudget(Duration.ofDays(1), Integer.MAX_VALUE);
    }

    private final long deadline;
    private int left;

    private StackBudget(Duration time, int count) {
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

    /** The most stacks this budget could ever allow. */
    int most() {
        return left;
    }
}
