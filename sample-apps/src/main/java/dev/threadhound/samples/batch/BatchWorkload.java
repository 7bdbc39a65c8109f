package dev.threadhound.samples.batch;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;

/** {@code batch [--duration=3s] [--bug=none|never-exits|exit-in-hook]}: ends by returning from {@code main}. */
public final class BatchWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "never-exits", "exit-in-hook");

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
                "                              written: the JVM is exiting already, and never ends");
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
        long processed = job.process(options.duration());
        if (!options.bug().equals("never-exits")) {
            job.close();
        }
        System.out.println("batch: processed " + processed + " items; main returns");
        return 0;
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
