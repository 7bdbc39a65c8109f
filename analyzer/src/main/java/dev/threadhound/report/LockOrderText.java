package dev.threadhound.report;

import dev.threadhound.detect.Frames;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.LockOrderEdge;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POTENTIAL_DEADLOCK} finding in a few lines, the way lockdep prints one: each chain (which thread took
 * which lock where, then which lock where), then the interleaving that deadlocks. The console, the command line and
 * the JUnit failure message print it under the finding's summary.
 */
public final class LockOrderText {

    private LockOrderText() {
    }

    /** The lines, without indentation or prefix; empty for a finding without a lock order. */
    public static List<String> lines(Finding f) {
        List<LockOrderEdge> edges = f.lockOrder();
        if (edges == null || edges.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            LockOrderEdge e = edges.get(i);
            lines.add((i + 1) + ". \"" + e.thread() + "\" took " + shortLabel(e.held()) + " at " + first(e.heldAt())
                    + ", then " + shortLabel(e.acquired()) + " at " + first(e.acquiredAt()));
        }
        List<String> hold = new ArrayList<>();
        List<String> wait = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            hold.add((i + 1) + " holds " + name(edges.get(i).held()));
            wait.add((i + 1) + " waits for " + name(edges.get(i).acquired()));
        }
        lines.add("deadlock when they run at once: " + String.join(" while ", hold) + "; then "
                + String.join(", ", wait) + ", forever");
        return lines;
    }

    /** {@code Ledger.accountA (Ledger$Account@1b6d3586)} for {@code Ledger.accountA (com.acme.Ledger$Account@1b6d3586)}. */
    static String shortLabel(String label) {
        int open = label.lastIndexOf(" (");
        if (open < 0 || !label.endsWith(")")) {
            return Frames.shortIdentity(label);
        }
        return label.substring(0, open) + " (" + Frames.shortIdentity(label.substring(open + 2, label.length() - 1)) + ")";
    }

    /** The readable name alone, or the short identity when the lock has no name. */
    private static String name(String label) {
        int open = label.lastIndexOf(" (");
        return open < 0 ? Frames.shortIdentity(label) : label.substring(0, open);
    }

    private static String first(List<String> frames) {
        return frames.isEmpty() ? "an unknown place" : Frames.shortFrame(frames.get(0));
    }
}
