package dev.threadhound.junit;

import dev.threadhound.detect.Frames;
import dev.threadhound.detect.ThreadRole;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.LockOrderEdge;
import dev.threadhound.report.LockOrderText;
import dev.threadhound.model.ThreadRecord;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The failure message: every culprit with its full stack and, when known, where it was created or submitted. */
final class LeakReport {

    static final String NO_AGENT = "the threadhound agent is not attached: only threads are checked. Attaching it "
            + "(-javaagent, see docs/junit.md) adds creation sites, unfinished tasks and executors never shut down, and "
            + "tells a thread that a static initializer started once for the whole process from a test's leak.";

    /** Where a thread waits and who called it are told from the first frames outside these. */
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.threadhound.agent.", "dev.threadhound.shaded.");

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
                if ("TIMED_WAITING".equals(t.state()) && f.type() != FindingType.LEAKED_EXECUTOR && !waitingForWork(t)) {
                    timedWait(out, t, lingerMillis, agent);
                }
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

    /**
     * What happens next to a thread that waits with a timeout: it may end by itself (a straggler) or loop and wait
     * again, and the JDK does not say how much of a sleep or timed wait is left. Then the ways to accept it.
     */
    private static void timedWait(StringBuilder out, FindingThread t, long lingerMillis, boolean agent) {
        String wait = waitingIn(t.stack());
        String caller = firstOutsideJdk(t.stack()).map(f -> " called from " + Frames.shortFrame(f)).orElse("");
        out.append("    it is ").append(wait.equals("Thread.sleep") ? "sleeping in Thread.sleep" : "waiting with a timeout in " + wait)
                .append(caller).append(": it may end by itself, or wake up and wait again; the JDK does not tell how much of ")
                .append("the wait is left\n");
        Optional<String> started = firstOutsideJdk(t.createdAt());
        started.ifPresent(f -> out.append("    started at ").append(Frames.shortFrame(f)).append('\n'));
        out.append("    to accept it: a longer linger (lingerMillis; waited ").append(lingerMillis)
                .append(" ms), ignoreThreadNames \"").append(asRegex(t.name())).append('"');
        if (agent && started.isPresent()) {
            out.append(", ignoreCreatedAt \"").append(Frames.method(started.get())).append('"');
        }
        out.append(", or threadhound.junit.ignoreTimedWaiting=true for every thread that waits with a timeout\n");
    }

    /** The name as a regular expression that matches it: itself unless it holds characters special to one. */
    private static String asRegex(String name) {
        return name.chars().anyMatch(c -> "\\[](){}*+?^$|".indexOf(c) >= 0) ? Pattern.quote(name) : name;
    }

    /** An idle pool worker is an executor's business (its summary says so), not a thread that ends by itself. */
    private static boolean waitingForWork(FindingThread t) {
        return ThreadRole.of(ThreadRecord.of(t.id(), t.name(), t.state(), t.stack())) == ThreadRole.IDLE;
    }

    /**
     * {@code Thread.sleep}, or the method the code called to wait ({@code CountDownLatch.await},
     * {@code ReferenceQueue.remove}): the first frame below the parking and waiting plumbing.
     */
    private static String waitingIn(List<String> stack) {
        for (String frame : stack) {
            if (Frames.className(frame).equals("java.lang.Thread") && Frames.methodName(frame).startsWith("sleep")
                    || Frames.is(frame, "java.util.concurrent.TimeUnit", "sleep")) {
                return "Thread.sleep";
            }
            if (!Frames.waitingMeans(frame)) {
                return Frames.shortMethod(frame);
            }
        }
        return "an unknown place";
    }

    private static Optional<String> firstOutsideJdk(List<String> frames) {
        return frames == null ? Optional.empty()
                : frames.stream().filter(f -> !jdk(f) && !Frames.synthetic(f)).findFirst();
    }

    private static boolean jdk(String frame) {
        String method = Frames.method(frame);
        return JDK.stream().anyMatch(method::startsWith);
    }

    /**
     * The line said once per JVM for what a static initializer created during a test: not the test's leak, but a
     * real leak in a static initializer stays visible this way. Shows the creation site down to the frame that
     * caused the class to be initialized.
     */
    static String singleton(String subject, Finding f, String testClass) {
        List<String> site = f.type() == FindingType.LEAKED_EXECUTOR ? f.createdAt()
                : f.type() == FindingType.LEAKED_TASK ? f.submittedAt()
                : f.threads().get(0).createdAt();
        int clinit = StaticInitializers.outside(site, testClass).orElse(site.size() - 1);
        String what = switch (f.type()) {
            case LEAKED_EXECUTOR -> "executor " + f.executor() + " (" + f.threads().size()
                    + (f.threads().size() == 1 ? " thread)" : " threads)");
            case LEAKED_TASK -> "a task running on " + f.executor();
            default -> "thread \"" + f.threads().get(0).name() + "\"";
        };
        StringBuilder out = new StringBuilder("threadhound: not a leak of ").append(subject).append(": ").append(what)
                .append(" was created by the static initializer of ").append(Frames.className(site.get(clinit)))
                .append(", which runs once per JVM: it lives as long as the process (said once)\n");
        site.subList(0, touchedAt(site, clinit, testClass) + 1).forEach(fr -> out.append("    at ").append(fr).append('\n'));
        return out.toString();
    }

    /**
     * Where the class got initialized: the test's own frame below the static initializer, else the first frame of
     * other code below it, else the one right below.
     */
    private static int touchedAt(List<String> site, int clinit, String testClass) {
        int firstOther = -1;
        for (int i = clinit + 1; i < site.size(); i++) {
            String frame = site.get(i);
            if (testClass != null && StaticInitializers.topLevel(Frames.className(frame))
                    .equals(StaticInitializers.topLevel(testClass))) {
                return i;
            }
            if (firstOther < 0 && !jdk(frame) && !Frames.synthetic(frame)) {
                firstOther = i;
            }
        }
        return firstOther >= 0 ? firstOther : Math.min(site.size() - 1, clinit + 1);
    }

    private static void frames(StringBuilder out, String title, List<String> frames) {
        if (frames == null || frames.isEmpty()) {
            return;
        }
        String indent = title == null ? "    " : "      ";
        if (title != null) {
            out.append(title).append('\n');
        }
        int shown = aboveTheTestFramework(frames);
        frames.subList(0, shown).forEach(f -> out.append(indent).append("at ").append(f).append('\n'));
        if (shown < frames.size()) {
            out.append(indent).append("... ").append(frames.size() - shown).append(" frames of the test framework\n");
        }
    }

    /**
     * How many of a stack's frames to show: down to the code that called the test framework's first frame (the test
     * method, a test's setup); what called it is the same in every message and was most of each (163 of a creation
     * stack's 223 lines in a real suite). All of them when the framework's frames are the stack's only code.
     */
    static int aboveTheTestFramework(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Frames.testFramework(frames.get(i))) {
                int end = i;
                while (end > 0 && Frames.platform(frames.get(end - 1))) {
                    end--;
                }
                return end > 0 ? end : frames.size();
            }
        }
        return frames.size();
    }
}
