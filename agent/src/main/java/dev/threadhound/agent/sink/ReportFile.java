package dev.threadhound.agent.sink;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.loop.Published;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code report=}: the findings JSON written at JVM exit (also on {@code System.exit}), atomically, after one last
 * detector cycle so it holds the findings as of exit.
 */
public final class ReportFile {

    private final Path target;

    private ReportFile(Path target) {
        this.target = target;
    }

    /** Checks the path can be written now, so a typo is reported at start, not lost at exit; null when it cannot. */
    public static ReportFile at(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            Log.line("cannot write report to " + target + ": folder " + dir + " does not exist; no report will be written");
            return null;
        }
        if (!Files.isWritable(dir) || (Files.exists(target) && !Files.isWritable(target)) || Files.isDirectory(target)) {
            Log.line("cannot write report to " + target + ": not writable; no report will be written");
            return null;
        }
        return new ReportFile(target);
    }

    /** @param loop the detection loop, made when the JVM exits if it was not yet (see {@code Detection}) */
    public void writeAtExit(Supplier<DetectionLoop> loop) {
        Thread hook = new Thread(() -> write(loop), "threadhound-report");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void write(Supplier<DetectionLoop> loop) {
        try {
            Published last = loop.get().cycle();
            Json.writeAtomically(target, FindingsReport.of(Instant.ofEpochMilli(last.snapshot().takenAt()), last.findings()));
        } catch (IOException | RuntimeException e) {
            Log.line("could not write report to " + target + ": " + e);
        }
    }
}
