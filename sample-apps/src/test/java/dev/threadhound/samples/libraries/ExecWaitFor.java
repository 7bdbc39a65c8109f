package dev.threadhound.samples.libraries;

import io.netty.util.HashedWheelTimer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A report exporter that runs an external converter with Commons Exec and waits for it with
 * {@code DefaultExecuteResultHandler.waitFor()}, which sleeps in a loop until the process ends; the converter never
 * does, so the exporter waits for good (until the JVM is stopped). {@code --fixed}: a watchdog ends the converter
 * after half a second (well within {@code stuckAfter} on a crowded machine), the exporter goes on, and the program
 * ends after 10 s. Both keep a Netty {@link HashedWheelTimer} with a reminder an hour away, whose worker sleeps in
 * a helper of its loop from tick to tick: a timer, not a hang.
 */
public final class ExecWaitFor {

    private ExecWaitFor() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        HashedWheelTimer reminders = new HashedWheelTimer();
        reminders.newTimeout(timeout -> { }, 1, TimeUnit.HOURS);
        Thread exporter = new Thread(() -> export(fixed), "report-exporter");
        exporter.setDaemon(true);
        exporter.start();
        // the test stops the waiting one once it is found; it must still run when the test gets to it, which a
        // crowded run of all the library programs did only after 120 s
        Thread.sleep(fixed ? 10_000 : 300_000);
        System.out.println("exec-wait-for: exporter " + (exporter.isAlive() ? "still waiting" : "done") + "; done");
        System.exit(0);
    }

    private static void export(boolean fixed) {
        DefaultExecutor executor = DefaultExecutor.builder().get();
        try {
            // the converter reads its input from this JVM, which never sends the end of it: it ends when the JVM
            // does (its input closes), and never outlives it
            PumpStreamHandler streams = new PumpStreamHandler(System.out, System.err,
                    new PipedInputStream(new PipedOutputStream()));
            executor.setStreamHandler(streams);
            if (fixed) {
                executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(Duration.ofMillis(500)).get());
                // once the converter is ended, the thread that feeds it the input that never ends is interrupted
                // after a second; without a stop time-out Commons Exec waits for that thread for ever
                streams.setStopTimeout(Duration.ofSeconds(1));
            }
            DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
            executor.execute(CommandLine.parse("cat"), result);
            result.waitFor();
            System.out.println("exec-wait-for: converter ended with " + result.getExitValue());
        } catch (IOException | InterruptedException e) {
            System.out.println("exec-wait-for: " + e);
        }
    }
}
