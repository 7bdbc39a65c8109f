package dev.threadhound.agent.snapshot;

import java.time.Duration;

/**
 * How many stacks one snapshot may take: a time budget and a count, whichever runs out first. A stack costs
 * 10-50 µs (and, on JDK 17, a pause of every thread for each batch), so ten thousand new suspects are taken over
 * several cycles rather than in one long stop.
 */
final class StackBudget {

    /**
     * Stacks a snapshot takes even when its time is spent: on a starved machine one handshake can outlast the whole
     * budget, and threads stuck for good would otherwise wait cycle after cycle behind the ones looked at first. Two
     * were not enough with forty-six JVMs on two cores: an idle ZooKeeper server's sync thread, one of some fifteen
     * new suspects, still had no stack after 5 s and was reported stuck without one (its stack says it is idle).
     */
    static final int FLOOR = 8;

    private final long deadline;
    private final int floor;
    private int left;
    private int taken;

    /** @param once stacks taken whatever the time, besides the {@link #FLOOR} (cheap looks that must not starve) */
    StackBudget(Duration time, int count, int once) {
        this.deadline = System.nanoTime() + time.toNanos();
        this.left = count + once;
        this.floor = FLOOR + once;
    }

    /** How many of {@code wanted} stacks may be taken now: 0 once the count is spent, or the time and the floor. */
    int allowance(int wanted) {
        int byTime = System.nanoTime() - deadline < 0 ? wanted : Math.min(wanted, Math.max(0, floor - taken));
        return Math.min(byTime, left);
    }

    void spent(int n) {
        left -= n;
        taken += n;
    }

}
