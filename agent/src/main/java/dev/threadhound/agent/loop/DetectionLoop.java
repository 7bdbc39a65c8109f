package dev.threadhound.agent.loop;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.StartupTrace;
import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.sink.CycleCostListener;
import dev.threadhound.agent.sink.FindingsSink;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.detect.ConfirmedDeadlocks;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.detect.Detector;
import dev.threadhound.detect.Detectors;
import dev.threadhound.model.ProgressCarrier;
import dev.threadhound.model.Snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs the detectors every interval on its own daemon thread. A failing cycle is reported once and the loop goes
 * on; the host application never waits for it.
 */
public final class DetectionLoop implements Runnable {

    /** See {@link #firstCycleAfterMillis()}. */
    static final int FIRST_CYCLE_AFTER_INTERVALS = 2;

    private final SnapshotBuilder builder;
    private final DetectOptions options;
    private final List<Detector> detectors;
    private final Duration interval;
    private final CyclePace pace;
    private final EndBursts endBursts;
    private final double cpuBudget;
    private final List<FindingsSink> sinks = new CopyOnWriteArrayList<>();
    private volatile CycleCostListener cost = CycleCostListener.NONE;
    private volatile BiFunction<Snapshot, List<Finding>, List<Finding>> annotation = (snapshot, findings) -> findings;
    private final ProgressCarrier progress = new ProgressCarrier();
    private final ConfirmedDeadlocks deadlocks = new ConfirmedDeadlocks();
    private volatile Published latest;
    /** What the last cycle cost, as told to the {@link CycleCostListener}; the pace reads it too. */
    private long lastWallNanos;
    private long lastCpuNanos = -1;
    private volatile long startedAtNanos = System.nanoTime();
    /**
     * Set by {@link #lastCycle}: the JVM is exiting and its report is made. Cycles go on while the JVM exits, but
     * tell the console only of an exit that hangs ({@code EXIT_BLOCKED}: a shutdown hook that does not end), which
     * no report made as the exit began can have.
     */
    private volatile boolean reported;
    /** The loop's thread once started; null before. */
    private volatile Thread loopThread;
    /** The agent's other steady threads, whose CPU counts against {@code cpuBudget} with the cycles' own. */
    private final List<Thread> alsoBudgeted = new CopyOnWriteArrayList<>();
    /** Their CPU time, all told, when the last cycle ended. */
    private long othersCpuNanos;

    /**
     * @param cpuBudget share of one core the cycles and {@link #budgetAlso} threads may use (see {@link CyclePace}); 1 runs them every interval
     *                  whatever they cost
     */
    public DetectionLoop(SnapshotBuilder builder, DetectOptions options, List<Detector> detectors, Duration interval,
                         double cpuBudget) {
        this.builder = builder;
        this.options = options;
        this.detectors = List.copyOf(detectors);
        this.interval = interval;
        this.cpuBudget = cpuBudget;
        this.pace = new CyclePace(interval.toMillis(), options.stuckAfter().toMillis(), cpuBudget);
        this.endBursts = new EndBursts(builder::platformEnds, options.stuckAfter().toMillis());
    }

    /** Adds a sink; one added after the first cycle (the metrics, which start in the background) gets its result at once. */
    public synchronized void addSink(FindingsSink sink) {
        sinks.add(sink);
        if (latest != null) {
            sink.publish(latest.snapshot(), latest.findings());
        }
    }

    /** A step between the detectors and the sinks that adds to the findings (the proofs' verdicts). */
    public void annotateWith(BiFunction<Snapshot, List<Finding>, List<Finding>> step) {
        this.annotation = step;
    }

    /**
     * A thread of the agent that works all along (the JFR stream's): its CPU since the last cycle counts against
     * {@code cpuBudget} with the next cycle's, so that the budget is what the agent's threads use, not only its cycles.
     */
    public void budgetAlso(Thread thread) {
        alsoBudgeted.add(thread);
    }

    /** Told what every cycle cost (the metrics sink's {@code threadhound_cycle_*}). */
    public void cycleCost(CycleCostListener listener) {
        this.cost = listener;
    }

    /** The newest cycle's result, or null before the first cycle. */
    public Published latest() {
        return latest;
    }

    public Thread start() {
        return start(System.nanoTime());
    }

    /**
     * Starts the loop on a thread of its own, the first cycle {@link #firstCycleAfterMillis()} after
     * {@code startedAtNanos} ({@link System#nanoTime()} when the agent started): made in the background, the loop
     * may be ready late on a crowded machine, and its first look must not come later for that.
     */
    public Thread start(long startedAtNanos) {
        this.startedAtNanos = startedAtNanos;
        Thread thread = new Thread(this, "threadhound-loop");
        thread.setDaemon(true);
        loopThread = thread;
        thread.start();
        return thread;
    }

    /**
     * When the first cycle comes, in milliseconds after start: two intervals (2 s by default). The first cycle runs
     * cold (60 ms of CPU) and the JFR stream opens after it (200 ms more), while a JVM that has just started keeps
     * both cores busy loading and compiling: a test fork that lives a second would be 10 % slower for a cycle that
     * cannot find anything stuck yet.
     */
    public long firstCycleAfterMillis() {
        return FIRST_CYCLE_AFTER_INTERVALS * interval.toMillis();
    }

    /**
     * The first cycle comes {@link #firstCycleAfterMillis()} after start: a short-lived JVM (a test fork, a
     * command-line tool) never pays for a cycle it has no use for. The next ones come every interval, or less often
     * when cycles cost more CPU than the budget allows ({@link CyclePace}).
     */
    @Override
    public void run() {
        boolean first = true;
        long wait = Math.max(0, firstCycleAfterMillis() - (System.nanoTime() - startedAtNanos) / 1_000_000);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                endBursts.sleep(wait, Thread::sleep);
            } catch (InterruptedException e) {
                return;
            }
            StartupTrace trace = first ? StartupTrace.begin() : null;
            first = false;
            lastCpuNanos = -1;
            try {
                cycle();
            } catch (Throwable t) {
                if (!reported) {
                    // while the JVM exits, what a cycle reads may be closing under it (JFR's stream)
                    Log.once("cycle-failed", "a detector cycle failed and will be retried: " + t);
                }
            }
            StartupTrace.done(trace, "first detector cycle");
            wait = pace.next(withOthers(lastCpuNanos), lastWallNanos);
            // said once, and made only then: formatting them each cycle was 2 % of a cycle at ten thousand threads
            long paced = wait;
            if (pace.overBudget() > 0) {
                Log.once("cycle-over-budget", () -> String.format(Locale.ROOT, "the agent's threads take %.0f ms of"
                        + " CPU a detector cycle with %d threads: even one cycle every stuckAfter (%.1f s), the longest"
                        + " wait allowed, takes %.1f %% of a core, over cpuBudget=%s (a longer stuckAfter lets cycles"
                        + " come less often)", pace.steadyCpuNanos() / 1e6, threadCount(),
                        options.stuckAfter().toMillis() / 1000.0, pace.overBudget() * 100,
                        AgentOptions.percent(cpuBudget)));
            } else if (paced >= interval.toMillis() * 5 / 4 && !pace.overBudgetNow()) {
                // a pace a few percent slower than the interval is not worth a line ("every 1.0 s instead of 1000 ms")
                Log.once("cycle-paced", () -> String.format(Locale.ROOT, "the agent's threads take %.0f ms of CPU a"
                        + " detector cycle with %d threads: cycles run every %.1f s instead of every %d ms to stay"
                        + " within cpuBudget=%s of a core, and never further apart than stuckAfter (%.1f s)"
                        + " (cpuBudget=off runs them every interval)", pace.steadyCpuNanos() / 1e6,
                        threadCount(), paced / 1000.0, interval.toMillis(),
                        AgentOptions.percent(cpuBudget), options.stuckAfter().toMillis() / 1000.0));
            }
        }
    }

    private int threadCount() {
        Published last = latest;
        return last != null ? last.snapshot().threads().size() : 0;
    }

    /**
     * The cycle of the report at exit, and the last whose findings all reach the sinks: a cycle after it (shutdown
     * hooks can take seconds on a crowded machine) would print findings on the console that the report does not have,
     * as threads end one by one. Only a hung exit is told after it. {@code report} makes the report of it with what
     * the sinks hold after it (the findings that cleared during the run), before any cycle after it can reach them.
     */
    public synchronized <T> T lastCycle(Function<Published, T> report) {
        boolean noneBefore = latest == null;
        Published last = cycle();
        reported = true;
        if (noneBefore) {
            String why = noCycleRan(ManagementFactory.getRuntimeMXBean().getUptime(), loopThread);
            if (why != null) {
                Log.line(why);
            }
        }
        return report.apply(last);
    }

    /**
     * What to say when the JVM exits without a single cycle having run although it lived long enough for a thread to
     * be found stuck: the report then has only what the exit's one look sees, which is nothing stuck. A JVM that
     * lived less (a test fork, a command-line tool) is the reason cycles start late; a longer one means the loop
     * could not run, and where its thread was is what tells why. Null when there is nothing to say.
     */
    String noCycleRan(long uptimeMillis, Thread loop) {
        long due = firstCycleAfterMillis();
        if (uptimeMillis < due + options.stuckAfter().toMillis()) {
            return null;
        }
        String where;
        if (loop == null) {
            where = "the detection loop was never started (the agent's start-up thread did not get that far)";
        } else {
            StackTraceElement[] stack = loop.getStackTrace();
            where = "the detection loop's thread is " + loop.getState()
                    + (stack.length == 0 ? "" : " at " + stack[0] + (stack.length > 1 ? " < " + stack[1] : ""));
        }
        return String.format(Locale.ROOT, "no detector cycle ran in the %.1f s the JVM ran (the first was due %.1f s"
                + " after start), so the report at exit has only what one look sees: %s", uptimeMillis / 1000.0,
                due / 1000.0, where);
    }

    /** A snapshot with progress carried over, whose records the builder keeps in place of those it made. */
    private Snapshot carried() {
        Snapshot made = builder.build(false);
        Snapshot current = progress.carry(made);
        builder.adopt(made.threads(), current.threads());
        return current;
    }

    /** One cycle. */
    private synchronized Published cycle() {
        long startNanos = System.nanoTime();
        long startCpu = cpuNanos();
        Snapshot current = carried();
        List<Finding> found = deadlocks.of(Detectors.run(current, options, detectors));
        if (deadlocks.heldBack()) {
            // a deadlock the look before did not see: a second look now, not a cycle later (ConfirmedDeadlocks)
            pause(ConfirmedDeadlocks.SECOND_LOOK_MILLIS);
            current = carried();
            found = deadlocks.of(Detectors.run(current, options, detectors));
        }
        Published result = new Published(current, annotation.apply(current, found));
        latest = result;
        List<Finding> told = reported ? result.findings().stream()
                .filter(f -> f.type() == FindingType.EXIT_BLOCKED).toList() : result.findings();
        for (FindingsSink sink : sinks) {
            try {
                sink.publish(result.snapshot(), told);
            } catch (Throwable t) {
                Log.once("sink-failed-" + sink.getClass().getName(), "a sink failed and is skipped this cycle: " + t);
            }
        }
        long endCpu = cpuNanos();
        lastWallNanos = System.nanoTime() - startNanos;
        lastCpuNanos = startCpu >= 0 && endCpu >= 0 ? endCpu - startCpu : -1;
        cost.cycleDone(lastWallNanos, lastCpuNanos);
        return result;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A cycle's CPU time and what the agent's other threads ({@link #budgetAlso}) used since the last cycle; -1 when
     * the cycle's is unknown. A thread that has ended counts no more.
     */
    private long withOthers(long cycleCpuNanos) {
        long others = 0;
        for (Thread t : alsoBudgeted) {
            long used = t.isAlive() ? ThreadBean.MX.getThreadCpuTime(t.getId()) : -1;
            if (used >= 0) {
                others += used;
            } else {
                alsoBudgeted.remove(t);
            }
        }
        long since = Math.max(0, others - othersCpuNanos);
        othersCpuNanos = others;
        return cycleCpuNanos < 0 ? -1 : cycleCpuNanos + since;
    }

    /** CPU time of the calling thread (about a microsecond to read), or -1 where the JVM does not measure it. */
    private static long cpuNanos() {
        try {
            ThreadMXBean mx = ThreadBean.MX;
            return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Loaded at the first cycle, not in {@code premain}: the JMX thread bean brings the management classes with it,
     * about 10 ms that a JVM living less than an interval never needs.
     */
    private static final class ThreadBean {
        static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    }
}
