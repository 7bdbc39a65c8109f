package dev.threadhound.agent.loop;

/**
 * How long the detector loop waits before its next cycle: {@code interval}, or longer when cycles cost so much CPU
 * that running them every interval would take more than the agent's share of one core ({@code cpuBudget}). A JVM
 * with ten thousand threads is then looked at every few seconds instead of every second, but never less often than
 * every {@code stuckAfter}: a finding still comes within two {@code stuckAfter} of the thread getting stuck. Where
 * even that costs more than the budget ({@link #overBudget()}), the promise wins and the console says so.
 *
 * <p>Whether cycles are paced at all, and the wait planned for the next one, go by the median of the last three
 * cycles' cost: one cycle made slow by the JIT or a collection does not decide that they are costly. Once paced, what
 * a cycle cost beyond what its period allowed is a debt the next waits pay back (and a cycle cheaper than planned a
 * credit of at most one cycle), so that the agent keeps to its share over time, its slow cycles included
 * ({@link #DEBT_STUCK_AFTERS}). The first
 * {@value #WARM_UP_CYCLES} cycles come every interval whatever they cost: they run the detectors' code before it is
 * compiled, at several times its later cost, and spacing them out would only keep it cold longer. Pure, so that it
 * is tested alone.
 */
final class CyclePace {

    static final int WARM_UP_CYCLES = 10;
    /**
     * The most debt kept, in {@code stuckAfter}s of budget. Near {@code stuckAfter} a debt is paid back only by what a
     * cycle costs under its longest period's allowance (13 ms a cycle for 37 ms cycles at most 5 s apart at 1 %): a
     * debt of one {@code stuckAfter}'s budget forgave most of a slow cycle, and the agent's threads took 1.1 % of a
     * core at 10,000 platform threads. Paying longer only keeps cycles at the longest wait, which the promise allows;
     * the bound is for a machine that froze the loop for minutes.
     */
    static final int DEBT_STUCK_AFTERS = 10;
    /**
     * Cycles cheaper than this are never spaced out, whatever {@code interval} the user chose: a few hundred threads
     * looked at every 250 ms are the user's call, and they are not what the budget is for (thousands of threads).
     */
    static final long NEVER_PACED_BELOW_NANOS = 10_000_000;

    /**
     * Paced cycles in a row over the budget at the longest wait before {@link #overBudget()} says so: the first ones
     * after the warm-up run code the JIT has not finished with, at up to twice their later cost.
     */
    static final int OVER_BUDGET_AFTER = 5;

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
    /** The share the last cycle's cost takes at the longest wait, and paced cycles in a row it was over the budget. */
    private double shareAtLongest;
    private int overBudgetCycles;

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
            overBudgetCycles = 0;
            return intervalMillis;
        }
        if (lastWaitMillis >= 0) {
            // the period since the last cycle began (the wait planned, and this cycle) allowed budget * period
            long allowed = (long) (budget * (lastWaitMillis * 1_000_000 + wallNanos));
            long floor = (long) (-budget * DEBT_STUCK_AFTERS * longestMillis * 1_000_000);
            creditNanos = Math.max(floor, Math.min(steady, creditNanos + allowed - cpuNanos));
        }
        // a cycle every (cpu / budget) keeps the loop at its budget; the cycle's own time is part of that period
        long periodMillis = (long) ((steady - creditNanos) / budget / 1_000_000);
        long wait = Math.min(longestMillis, Math.max(intervalMillis, periodMillis - wallNanos / 1_000_000));
        lastWaitMillis = wait;
        shareAtLongest = steady / (double) (longestMillis * 1_000_000 + wallNanos);
        overBudgetCycles = wait == longestMillis && shareAtLongest > budget ? overBudgetCycles + 1 : 0;
        return wait;
    }

    /**
     * The share of one core the cycles take when they cost more than the budget allows even at the longest wait
     * (thousands of threads and a short {@code stuckAfter}): the budget then gives way to the promise that a thread
     * is looked at at least every {@code stuckAfter}. 0 while the budget holds, or has given way for fewer than
     * {@value #OVER_BUDGET_AFTER} cycles in a row.
     */
    double overBudget() {
        return overBudgetCycles >= OVER_BUDGET_AFTER ? shareAtLongest : 0;
    }

    /** Whether the last cycle was over the budget at the longest wait, however briefly so far. */
    boolean overBudgetNow() {
        return overBudgetCycles > 0;
    }

    /** What a cycle costs now, as the pace counts it: the median of the last three; negative before it knows. */
    long steadyCpuNanos() {
        return median(lastCpuNanos);
    }

    private static long median(long[] three) {
        return Math.max(Math.min(three[0], three[1]), Math.min(Math.max(three[0], three[1]), three[2]));
    }
}
