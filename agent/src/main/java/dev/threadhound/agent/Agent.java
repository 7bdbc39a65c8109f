package dev.threadhound.agent;

import dev.threadhound.agent.bootstrap.Hooks;
import dev.threadhound.agent.instrument.JdkInstrumentation;
import dev.threadhound.agent.instrument.LockOrderInstrumentation;
import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.options.BadOptionException;
import dev.threadhound.agent.sink.ReportFile;
import dev.threadhound.agent.track.EarlyTimings;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.LockGraph;
import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.report.SnapshotBytes;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ForkJoinPool;

/**
 * Starts the agent: options first (a bad one turns the agent off, never the application), then the
 * instrumentation, which must be in place before the application starts threads. Everything else (the detection
 * loop, JFR, the HTTP endpoint, the MBean) starts in the background.
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
        Properties build = buildProperties();
        List<String> errors = JdkInstrumentation.install(inst, options.tasks(), options.classCache(),
                build.getProperty("build"));
        if (!errors.isEmpty()) {
            Log.line("some JDK classes could not be instrumented (" + errors.get(0) + "); detection goes on with what took");
        }
        StartupTrace.done(trace, "instrumentation");
        executors.adopt(common).nameFromWorker("ForkJoinPool.commonPool-worker-1");
        LockGraph lockOrder = null;
        if (options.lockOrder()) {
            String noBridge = BootstrapBridge.defineLockOrder();
            if (noBridge == null) {
                lockOrder = LockOrderInstrumentation.install(inst);
            } else {
                Log.line(noBridge + "; lock order is not tracked, the other detections go on");
            }
            StartupTrace.done(trace, "lock-order instrumentation");
        }
        Detection detection = new Detection(options, threads, executors, sites, lockOrder);
        Hooks.snapshots(() -> SnapshotBytes.write(detection.get().builder().build(true)));
        if (options.report() != null) {
            ReportFile report = ReportFile.at(options.report());
            if (report != null) {
                report.writeAtExit(() -> detection.get().loop(), () -> detection.get().history());
            }
        }
        // Said at once and cheaply: the JVM runs the agent (its MBean registers a few seconds later).
        System.setProperty(RUNNING_PROPERTY, build.getProperty("version", "unknown"));
        Thread background = new Thread(() -> {
            StartupTrace setUp = StartupTrace.begin();
            Detection.Parts parts = detection.get();
            sayWhatIsOff(options);
            parts.loop().start(launchedAtNanos);
            StartupTrace.done(setUp, "detection loop set-up");
            checkHooks(threads, probe);
            BackgroundServices.start(options, parts.builder(), parts.loop(), probe, early, parts.proofs(),
                    launchedAtNanos);
        }, "threadhound-start");
        background.setDaemon(true);
        background.start();
        StartupTrace.done(trace, "background start");
        if (attached) {
            Log.line("attached" + (options.port() != 0 ? "; endpoint on http://" + options.host() + ":" + options.port() + "/" : ""));
        }
    }

    private static void sayWhatIsOff(AgentOptions options) {
        if (!options.jfr()) {
            Log.line("jfr=off: timed lock waits and pinned virtual threads are not recorded; hot locks are still counted"
                    + " from thread states, and the other detections go on");
        }
        if (!options.tasks()) {
            Log.line("tasks=off: nothing runs per task; a stuck task is named by its pool and its worker's stack,"
                    + " without its class, where it was submitted, or task timings");
        }
        if (!options.ignore().isEmpty()) {
            Log.line("ignore=" + String.join(";", options.ignore()) + ": findings at a frame that starts with "
                    + String.join(" or ", options.ignore()) + " are not reported");
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

    /** The agent's {@code version} and {@code build} (when it was built, which keys the rewritten-class cache). */
    private static Properties buildProperties() {
        Properties p = new Properties();
        try (InputStream in = Agent.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is only informative
        }
        return p;
    }
}
