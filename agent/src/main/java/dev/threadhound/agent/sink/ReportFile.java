package dev.threadhound.agent.sink;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code report=}: the findings JSON written at JVM exit (also on {@code System.exit}), atomically, after one last
 * detector cycle so it holds the findings as of exit, and the findings that cleared during the run
 * ({@link FindingHistory}).
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

    /**
     * @param loop    the detection loop, made when the JVM exits if it was not yet (see {@code Detection})
     * @param history the findings that cleared, which the loop's sinks include
     */
    public void writeAtExit(Supplier<DetectionLoop> loop, Supplier<FindingHistory> history) {
        Thread hook = new Thread(() -> write(loop, history), "threadhound-report");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Writes and drops the JSON of a report with one finding and one thread, so that the JSON mapper is ready before
     * it is needed: the first report written at exit otherwise kept the JVM from ending for 0.15 s of the mapper's
     * warm-up (seconds on a crowded machine). The endpoint's first {@code /findings} gains the same.
     */
    public static void warmUp() {
        ThreadRecord thread = ThreadRecord.of(1, "threadhound-warm-up", "WAITING", List.of("java.lang.Object.wait()"));
        Finding finding = Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "")
                .threads(List.of(FindingThread.of(thread)))
                .build();
        Json.write(FindingsReport.of(Instant.EPOCH, List.of(finding)));
    }

    void write(Supplier<DetectionLoop> loop, Supplier<FindingHistory> history) {
        try {
            DetectionLoop cycles = loop.get();
            FindingHistory cleared = history.get();
            FindingsReport report = cycles.lastCycle(last -> FindingsReport.of(
                    Instant.ofEpochMilli(last.snapshot().takenAt()), last.findings(), cleared.cleared()));
            Json.writeAtomically(target, report);
        } catch (IOException | RuntimeException e) {
            Log.line("could not write report to " + target + ": " + e);
        }
    }
}
