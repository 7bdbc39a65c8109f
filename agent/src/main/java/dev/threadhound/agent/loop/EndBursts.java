package dev.threadhound.agent.loop;

import java.util.function.LongSupplier;

/**
 * Holds the next cycle back while platform threads end in numbers (a pool of thousands shrinking at once, a batch
 * of threads released together). A cycle asks the JVM about every thread, and while it asks, the JVM's list of
 * threads it holds cannot be freed: each ending thread waits for that, and at every such call's end each of those
 * still waiting looks at every thread again. On JDK 17, ten thousand threads released at once kept a JVM from exiting
 * for up to a minute when cycles came while they ended (30 ms without the agent). So the loop's wait ends only once a
 * step of {@value #STEP_MILLIS} ms saw fewer than {@value #ENDS_PER_STEP} threads end, and it waits at most
 * {@code longest} more for that: a findings cycle still comes within that of its time.
 */
final class EndBursts {

    static final long STEP_MILLIS = 50;
    /** Ends in one step that make a burst: 500 a second. */
    static final long ENDS_PER_STEP = 25;

    /** How the loop sleeps; a test's clock in tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final LongSupplier ends;
    private final long longestMillis;

    /**
     * @param ends          how many platform threads have ended so far
     * @param longestMillis the longest a cycle is held back beyond its time
     */
    EndBursts(LongSupplier ends, long longestMillis) {
        this.ends = ends;
        this.longestMillis = longestMillis;
    }

    /**
     * Sleeps {@code millis}, the last step of it watching the threads that end, and then on, a step at a time, while
     * they end in numbers.
     *
     * @return how long the cycle was held back beyond {@code millis}
     */
    long sleep(long millis, Sleeper sleeper) throws InterruptedException {
        long slept = Math.max(0, millis - STEP_MILLIS);
        sleeper.sleep(slept);
        long before = ends.getAsLong();
        while (true) {
            sleeper.sleep(STEP_MILLIS);
            slept += STEP_MILLIS;
            long now = ends.getAsLong();
            long held = Math.max(0, slept - millis);
            if (now - before < ENDS_PER_STEP || held >= longestMillis) {
                return held;
            }
            before = now;
        }
    }
}
