package dev.threadhound.samples.batch;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;

/** {@code batch [--duration=3s] [--bug=none|never-exits|exit-in-hook|exit-holding-lock]}: ends by returning from {@code main}. */
public final class BatchWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "never-exits", "exit-in-hook", "exit-holding-lock");

    @Override
    public String name() {
        return "batch";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "batch: a job that processes items on a pool, reports progress on a Timer and keeps a heartbeat thread,",
                "  then returns from main (the JVM exits once no non-daemon thread is left)",
                "  --duration=3s               how long it processes (default 3s)",
                "  --bug=none                  healthy: shuts the pool down, cancels the Timer, stops the heartbeat; the JVM exits",
                "  --bug=never-exits           forgets all three: main returns, and the JVM never exits",
                "  --bug=exit-in-hook          healthy, but its shutdown hook calls System.exit when its summary cannot be",
                "                              written: the JVM is exiting already, and never ends",
                "  --bug=exit-holding-lock     healthy, but main calls System.exit while it holds the job registry's lock,",
                "                              which the shutdown hook takes: the JVM never ends");
    }

    @Override
    public boolean endsByReturning() {
        return true;
    }

    @Override
    public int run(String[] args) throws Exception {
        SampleOptions options = SampleOptions.parse(name(), args, Duration.ofSeconds(3), BUGS);
        System.out.println("batch: mode=" + options.bug() + " running for " + options.duration().toMillis() + "ms");
        BatchJob job = new BatchJob();
        if (options.bug().equals("exit-in-hook")) {
            Runtime.getRuntime().addShutdownHook(new Thread(BatchWorkload::writeSummaryOrExit, "batch-summary"));
        }
        if (options.bug().equals("exit-holding-lock")) {
            Runtime.getRuntime().addShutdownHook(new Thread(BatchWorkload::deregister, "batch-deregister"));
        }
        long processed = job.process(options.duration());
        if (!options.bug().equals("never-exits")) {
            job.close();
        }
        if (options.bug().equals("exit-holding-lock")) {
            failHoldingTheRegistry();
        }
        System.out.println("batch: processed " + processed + " items; main returns");
        return 0;
    }

    /** The registry of running jobs, which the shutdown hook takes the job out of. */
    private static final Object REGISTRY = new Object();

    /** A last check under the registry's lock finds the job failed, and ends the JVM there. */
    private static void failHoldingTheRegistry() {
        synchronized (REGISTRY) {
            System.out.println("batch: the job failed its last check; exiting with status 2");
            System.exit(2);
        }
    }

    private static void deregister() {
        synchronized (REGISTRY) {
            System.out.println("batch: deregistered");
        }
    }

    /**
     * A hook that ends the JVM with a failing status when its last step fails, as one would at the end of
     * {@code main}: from a hook, {@code System.exit} waits for the exit under way, which waits for the hook.
     */
    private static void writeSummaryOrExit() {
        System.out.println("batch: the summary could not be written; exiting with status 3");
        System.exit(3);
    }
}
