package dev.threadhound.samples.libraries;

import io.netty.util.HashedWheelTimer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A report exporter that runs an external converter with Commons Exec and waits for it with
 * {@code DefaultExecuteResultHandler.waitFor()}, which sleeps in a loop until the process ends; the converter never
 * does, so the exporter waits for good. {@code --fixed}: a watchdog ends the converter after 1.5 s and the exporter
 * goes on. Both keep a Netty {@link HashedWheelTimer} with a reminder an hour away, whose worker sleeps in a helper
 * of its loop from tick to tick: a timer, not a hang.
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
        // a loop of sleeps is judged after twice stuckAfter of looks at it: room for a crowded machine
        Thread.sleep(16_000);
        System.out.println("exec-wait-for: exporter " + (exporter.isAlive() ? "still waiting" : "done") + "; done");
        System.exit(0);
    }

    private static void export(boolean fixed) {
        DefaultExecutor executor = DefaultExecutor.builder().get();
        if (fixed) {
            executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(Duration.ofMillis(1_500)).get());
        }
        DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
        try {
            // it outlives this JVM by a few seconds, then ends by itself: a process destroyer run as the JVM exits
            // would end the wait before the agent's last look
            executor.execute(CommandLine.parse("sleep 20"), result);
            result.waitFor();
            System.out.println("exec-wait-for: converter ended with " + result.getExitValue());
        } catch (Exception e) {
            System.out.println("exec-wait-for: " + e);
        }
    }
}
