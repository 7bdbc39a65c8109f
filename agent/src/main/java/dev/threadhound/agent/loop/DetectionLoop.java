package dev.threadhound.agent.loop;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.sink.CycleCostListener;
import dev.threadhound.agent.sink.FindingsSink;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detector;
import dev.threadhound.detect.Detectors;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the detectors every interval on its own daemon thread. A failing cycle is reported once and the loop goes
 * on; the host application never waits for it.
 */
public final class DetectionLoop implements Runnable {

    private final SnapshotBuilder builder;
    private final DetectOptions options;
    private final List<Detector> detectors;
    private final Duration interval;
    private final List<FindingsSink> sinks = new CopyOnWriteArrayList<>();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private volatile CycleCostListener cost = CycleCostListener.NONE;
    private Snapshot previous;
    private volatile Published latest;

    public DetectionLoop(SnapshotBuilder builder, DetectOptions options, List<Detector> detectors, Duration interval) {
        this.builder = builder;
        this.options = options;
        this.detectors = List.copyOf(detectors);
        this.interval = interval;
    }

    public void addSink(FindingsSink sink) {
        sinks.add(sink);
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
        Thread thread = new Thread(this, "threadhound-loop");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                cycle();
            } catch (Throwable t) {
                Log.once("cycle-failed", "a detector cycle failed and will be retried: " + t);
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One cycle, also called once more at JVM exit for the report. */
    public synchronized Published cycle() {
        long startNanos = System.nanoTime();
        long startCpu = cpuNanos();
        Snapshot current = Progress.carry(previous, builder.build(false));
        Published result = new Published(current, Detectors.run(current, options, detectors));
        previous = current;
        latest = result;
        for (FindingsSink sink : sinks) {
            try {
                sink.publish(result.snapshot(), result.findings());
            } catch (Throwable t) {
                Log.once("sink-failed-" + sink.getClass().getName(), "a sink failed and is skipped this cycle: " + t);
            }
        }
        long endCpu = cpuNanos();
        cost.cycleDone(System.nanoTime() - startNanos, startCpu >= 0 && endCpu >= 0 ? endCpu - startCpu : -1);
        return result;
    }

    /** CPU time of the calling thread (about a microsecond to read), or -1 where the JVM does not measure it. */
    private long cpuNanos() {
        try {
            return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
