package dev.threadhound.junit;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.LockOrderEdge;
import dev.threadhound.report.LockOrderText;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The failure message: every culprit with its full stack and, when known, where it was created or submitted. */
final class LeakReport {

    static final String NO_AGENT = "the threadhound agent is not attached: only threads are checked. Attaching it "
            + "(-javaagent, see docs/junit.md) adds creation sites, unfinished tasks and executors never shut down.";

    private LeakReport() {
    }

    static String text(String subject, List<Finding> findings, Leaks leaks, long lingerMillis, boolean agent) {
        long cycles = findings.stream().filter(f -> f.type() == FindingType.POTENTIAL_DEADLOCK).count();
        long left = findings.size() - cycles;
        StringBuilder out = new StringBuilder("threadhound: ").append(subject);
        if (left > 0) {
            out.append(" left ").append(left).append(left == 1 ? " leak" : " leaks");
        }
        if (cycles > 0) {
            out.append(left > 0 ? " and" : "").append(" took locks in an order that can deadlock (")
                    .append(cycles).append(cycles == 1 ? " lock-order cycle)" : " lock-order cycles)");
        }
        out.append(leaks.deadlocked() ? " (a deadlock fails at once)" : left > 0 ? " (waited " + lingerMillis + " ms)" : "")
                .append('\n');
        Set<Long> shown = new HashSet<>();
        for (Finding f : findings) {
            out.append('\n').append(f.type()).append(": ").append(f.summary()).append('\n');
            if (f.lockOrder() != null) {
                chains(out, f);
                continue;
            }
            frames(out, "  created at:", f.createdAt());
            frames(out, "  submitted at:", f.submittedAt());
            for (FindingThread t : f.threads()) {
                out.append("  thread \"").append(t.name()).append("\" #").append(t.id()).append(' ').append(t.state());
                if (t.blockedOn() != null) {
                    out.append(" on ").append(t.blockedOn());
                    if (t.ownedBy() != null) {
                        out.append(" owned by \"").append(t.ownedBy()).append('"');
                    }
                }
                if (!shown.add(t.id())) {
                    out.append(" (stack above)\n");
                    continue;
                }
                out.append('\n');
                frames(out, null, t.stack());
                frames(out, "    created at:", t.createdAt());
            }
        }
        if (leaks.untraced() > 0) {
            out.append("\nOther tests ran at the same time and ").append(leaks.untraced())
                    .append(" of these could not be traced to the thread that ran this test")
                    .append(agent ? " (the thread that created them has ended or is older than the test)"
                            : " (without the agent nothing says which thread created them)")
                    .append(": they may come from a test running in parallel.\n");
        }
        if (!agent) {
            out.append('\n').append(NO_AGENT).append('\n');
        }
        return out.toString();
    }

    /** Both (or all) chains of a lock-order cycle, each with where its first and its second lock were taken. */
    private static void chains(StringBuilder out, Finding f) {
        LockOrderText.lines(f).forEach(line -> out.append("  ").append(line).append('\n'));
        int n = 0;
        for (LockOrderEdge e : f.lockOrder()) {
            n++;
            out.append("  chain ").append(n).append(", thread \"").append(e.thread()).append("\"\n");
            frames(out, "    took " + e.held() + " at:", e.heldAt());
            frames(out, "    then " + e.acquired() + " at:", e.acquiredAt());
        }
    }

    private static void frames(StringBuilder out, String title, List<String> frames) {
        if (frames == null || frames.isEmpty()) {
            return;
        }
        String indent = title == null ? "    " : "      ";
        if (title != null) {
            out.append(title).append('\n');
        }
        frames.forEach(f -> out.append(indent).append("at ").append(f).append('\n'));
    }
}
