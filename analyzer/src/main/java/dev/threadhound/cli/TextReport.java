package dev.threadhound.cli;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.LockOrderText;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;

/** Findings as a person reads them in a terminal: the summary first, then the evidence, indented. */
final class TextReport {

    private static final int FRAMES_SHOWN = 12;

    private TextReport() {
    }

    static void print(PrintStream out, String source, Snapshot snapshot, List<Finding> findings, List<String> notes) {
        int threads = snapshot.threads().size();
        out.printf("%s: %d %s as of %s; %s%n", source, threads, threads == 1 ? "thread" : "threads",
                Instant.ofEpochMilli(snapshot.takenAt()),
                findings.isEmpty() ? "no findings" : findings.size() + (findings.size() == 1 ? " finding" : " findings"));
        for (Finding f : findings) {
            out.println();
            out.printf("%s %s: %s%n", f.severity(), f.type(), f.summary());
            if (f.cycle() != null) {
                out.println("  cycle: " + String.join(" -> ", f.cycle()));
            }
            if (f.lock() != null) {
                out.printf("  lock: %s, %d waits by %d threads, %d ms in total%n", f.lock(), f.count(), f.threadCount(), f.durationMs());
            }
            LockOrderText.lines(f).forEach(line -> out.println("  " + line));
            if (f.site() != null) {
                out.println("  site:");
                f.site().forEach(frame -> out.println("      at " + frame));
            }
            for (FindingThread t : f.threads()) {
                out.printf("  \"%s\" #%d %s%s%s%n", t.name(), t.id(), t.state(),
                        t.blockedOn() != null ? " on " + t.blockedOn() : "",
                        t.ownedBy() != null ? " held by \"" + t.ownedBy() + "\"" : "");
                t.stack().stream().limit(FRAMES_SHOWN).forEach(frame -> out.println("      at " + frame));
                if (t.stack().size() > FRAMES_SHOWN) {
                    out.println("      ... " + (t.stack().size() - FRAMES_SHOWN) + " more");
                }
            }
        }
        for (String note : notes) {
            out.println();
            out.println("note: " + note);
        }
    }
}
