package dev.threadhound.agent;

import dev.threadhound.agent.bootstrap.Hooks;
import dev.threadhound.agent.instrument.JdkInstrumentation;
import dev.threadhound.agent.instrument.LockOrderInstrumentation;
import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.options.BadOptionException;
import dev.threadhound.agent.prove.Proofs;
import dev.threadhound.agent.sink.ConsoleLog;
import dev.threadhound.agent.sink.ReportFile;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.agent.track.EarlyTimings;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detectors;
import dev.threadhound.report.SnapshotBytes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;

/**
 * Starts the agent: options first (a bad one turns the agent off, never the application), then the
 * instrumentation, which must be in place before the application starts threads. Everything slow (JFR, the
 * HTTP endpoint, the MBean) starts in the background.
 */
public final class Agent {

    /** Set once the agent runs: its version. */
    public static final String RUNNING_PROPERTY = "threadhound.agent.version";

    private Agent() {
    }

    /** @param launchedAtNanos when premain began, for the start-up trace */
    public static void start(String args, Instrumentation inst, boolean attached, long launchedAtNanos) {
        StartupTrace.launcher(launchedAtNanos);
        StartupTrace trace = StartupTrace.begin();
        AgentOptions options;
        try {
            options = AgentOptions.parse(args, System.getProperties());
        } catch (BadOptionException e) {
            Log.line(e.getMessage() + "; the agent is off");
            return;
        }
        ThreadRegistry threads = new ThreadRegistry();
        ExecutorRegistry executors = new ExecutorRegistry();
        TaskSites sites = new TaskSites();
        RecordingProbe probe = new RecordingProbe(threads, executors, sites);
        EarlyTimings early = new EarlyTimings();
        probe.timings(early);
        if (!Hooks.install(probe)) {
            Log.line("an agent is already attached to this JVM; this one stays off");
            return;
        }
        StartupTrace.done(trace, "options and probe");
        // The common pool is created by a static initializer the application did not write: initialize it before the
        // advice is in, so it is adopted without a misleading creation site.
        ForkJoinPool common = ForkJoinPool.commonPool();
        List<String> errors = JdkInstrumentation.install(inst, options.tasks());
        if (!errors.isEmpty()) {
            Log.line("some JDK classes could not be instrumented (" + errors.get(0) + "); detection goes on with what took");
        }
        StartupTrace.done(trace, "instrumentation");
        executors.adopt(common).nameFromWorker("ForkJoinPool.commonPool-worker-1");

        SnapshotBuilder builder = new SnapshotBuilder(threads, executors, sites);
        Hooks.snapshots(() -> SnapshotBytes.write(builder.build(true)));
        if (options.lockOrder()) {
            String noBridge = BootstrapBridge.defineLockOrder();
            if (noBridge == null) {
                builder.lockOrder(LockOrderInstrumentation.install(inst));
            } else {
                Log.line(noBridge + "; lock order is not tracked, the other detections go on");
            }
            StartupTrace.done(trace, "lock-order instrumentation");
        }
        DetectOptions detectOptions = DetectOptions.defaults().withStuckAfter(options.stuckAfter())
                .withPileUp(options.pileUp());
        DetectionLoop loop = new DetectionLoop(builder, detectOptions, Detectors.standard(), options.interval(),
                options.cpuBudget());
        boolean proving = options.proveMaxHeap() > 0;
        Proofs proofs = new Proofs(proving ? options.proveMaxHeap() : AgentOptions.PROVE_DEFAULT_LIMIT, proving,
                System::currentTimeMillis);
        loop.annotateWith(proofs::annotate);
        loop.addSink(new ConsoleLog());
        if (options.report() != null) {
            ReportFile report = ReportFile.at(options.report());
            if (report != null) {
                report.writeAtExit(loop);
            }
        }
        if (!options.jfr()) {
            Log.line("jfr=off: timed lock waits and pinned virtual threads are not recorded; hot locks are still counted"
                    + " from thread states, and the other detections go on");
        }
        if (!options.tasks()) {
            Log.line("tasks=off: nothing runs per task; a stuck task is named by its pool and its worker's stack,"
                    + " without its class, where it was submitted, or task timings");
        }
        loop.start();
        // Said at once and cheaply: the JVM runs the agent (its MBean registers a few seconds later).
        System.setProperty(RUNNING_PROPERTY, version());
        Thread background = new Thread(() -> {
            checkHooks(threads, probe);
            BackgroundServices.start(options, builder, loop, probe, early, proofs);
        }, "threadhound-start");
        background.setDaemon(true);
        background.start();
        StartupTrace.done(trace, "detection loop set-up");
        if (attached) {
            Log.line("attached" + (options.port() != 0 ? "; endpoint on http://" + options.host() + ":" + options.port() + "/" : ""));
        }
    }

    /**
     * On the background thread: the hooks are in before {@code main} either way, and a failure is only said, the
     * rest of the agent carrying on with what took.
     */
    private static void checkHooks(ThreadRegistry threads, RecordingProbe probe) {
        StartupTrace trace = StartupTrace.begin();
        List<String> failed = SelfCheck.run(threads, probe);
        if (!failed.isEmpty()) {
            Log.line("instrumentation did not take effect for " + String.join(", ", failed)
                    + "; threads are still watched through their states, without creation sites");
        }
        StartupTrace.done(trace, "self-check");
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Agent.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is only informative
        }
        return p.getProperty("version", "unknown");
    }
}
