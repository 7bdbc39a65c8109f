package dev.threadhound.agent.loop;

/**
 * How long the detector loop waits before its next cycle: {@code interval}, or longer when cycles cost so much CPU
 * that running them every interval would take more than the agent's share of one core ({@code cpuBudget}). A JVM
 * with ten thousand threads is then looked at every few seconds instead of every second, but never less often than
 * every {@code stuckAfter}: a finding still comes within two {@code stuckAfter} of the thread getting stuck.
 *
 * <p>Whether cycles are paced at all, and the wait planned for the next one, go by the median of the last three
 * cycles' cost: one cycle made slow by the JIT or a collection does not decide that they are costly. Once paced, what
 * a cycle cost beyond what its period allowed is a debt the next waits pay back (and a cycle cheaper than planned a
 * credit of at most one cycle), so that the agent keeps to its share over time, its slow cycles included. The first
 * {@value #WARM_UP_CYCLES} cycles come every interval whatever they cost: they run the detectors' code before it is
 * compiled, at several times its later cost, and spacing them out would only keep it cold longer. Pure, so that it
 * is tested alone.
 */
final class CyclePace {

    static final int WARM_UP_CYCLES = 10;
    /**
     * Cycles cheaper than this are never spaced out, whatever {@code interval} the user chose: a few hundred threads
     * looked at every 250 ms are the user's call, and they are not what the budget is for (thousands of threads).
     */
    static final long NEVER_PACED_BELOW_NANOS = 10_000_000;

    private final long intervalMillis;
    private final long longestMillis;
    /** Share of one core, 0 &lt; budget &le; 1; 1 (or more) keeps the interval whatever a cycle costs. */
    private final double budget;
    /** The CPU time of the last three cycles, oldest first; -1 for none yet. */
    private final long[] lastCpuNanos = {-1, -1, -1};
    private int cycles;
    /** While paced: CPU the budget still allows (negative: spent ahead of it), and the wait planned last. */
    private long creditNanos;
    private long lastWaitMillis = -1;

    /**
     * @param intervalMillis the wait when cycles are cheap
     * @param longestMillis  the longest wait, whatever a cycle costs ({@code stuckAfter})
     * @param budget         share of one core the agent may use, such as 0.01
     */
    CyclePace(long intervalMillis, long longestMillis, double budget) {
        this.intervalMillis = intervalMillis;
        this.longestMillis = Math.max(intervalMillis, longestMillis);
        this.budget = budget;
    }

    /**
     * @param cpuNanos  the CPU time the cycle that just ended used, with the agent's other threads' since the one
     *                  before; negative when unknown
     * @param wallNanos its wall time
     * @return how long to wait before the next cycle
     */
    long next(long cpuNanos, long wallNanos) {
        if (++cycles <= WARM_UP_CYCLES) {
            return intervalMillis;
        }
        lastCpuNanos[0] = lastCpuNanos[1];
        lastCpuNanos[1] = lastCpuNanos[2];
        lastCpuNanos[2] = cpuNanos;
        long steady = steadyCpuNanos();
        if (budget >= 1 || steady < NEVER_PACED_BELOW_NANOS || cpuNanos < 0) {
            creditNanos = 0;
            lastWaitMillis = -1;
            return intervalMillis;
        }
        if (lastWaitMillis >= 0) {
            // the period since the last cycle began (the wait planned, and this cycle) allowed budget * period
            long allowed = (long) (budget * (lastWaitMillis * 1_000_000 + wallNanos));
            long floor = (long) (-budget * longestMillis * 1_000_000);
            creditNanos = Math.max(floor, Math.min(steady, creditNanos + allowed - cpuNanos));
        }
        // a cycle every (cpu / budget) keeps the loop at its budget; the cycle's own time is part of that period
        long periodMillis = (long) ((steady - creditNanos) / budget / 1_000_000);
        long wait = Math.min(longestMillis, Math.max(intervalMillis, periodMillis - wallNanos / 1_000_000));
        lastWaitMillis = wait;
        return wait;
    }

    /** What a cycle costs now, as the pace counts it: the median of the last three; negative before it knows. */
    long steadyCpuNanos() {
        return median(lastCpuNanos);
    }

    private static long median(long[] three) {
        return Math.max(Math.min(three[0], three[1]), Math.min(Math.max(three[0], three[1]), three[2]));
    }
}
