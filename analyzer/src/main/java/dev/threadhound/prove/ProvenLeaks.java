package dev.threadhound.prove;

import dev.threadhound.detect.Frames;
import dev.threadhound.detect.ThreadRole;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaks a single heap dump proves. A dump says nothing of how long a thread has waited, so no timer can call
 * a thread stuck; reachability can, with certainty: every waiting application thread is a candidate, and the
 * proven ones are reported, grouped by where they wait.
 */
public final class ProvenLeaks {

    private static final int THREADS_SHOWN = 10;

    private ProvenLeaks() {
    }

    /** Ids of the threads a heap dump's proof should decide: waiting platform threads of the application. */
    public static List<Long> candidates(Snapshot snapshot) {
        return snapshot.threads().stream()
                .filter(t -> t.waiting() && !t.virtual() && ThreadRole.of(t) == ThreadRole.APPLICATION)
                .map(ThreadRecord::id)
                .toList();
    }

    public static List<Finding> of(Snapshot snapshot, Map<Long, Verdict> verdicts) {
        Map<List<String>, List<ThreadRecord>> bySite = new LinkedHashMap<>();
        snapshot.threads().stream()
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .filter(t -> verdicts.containsKey(t.id()) && verdicts.get(t.id()).proven())
                .forEach(t -> bySite.computeIfAbsent(t.stack(), k -> new ArrayList<>()).add(t));
        List<Finding> findings = new ArrayList<>();
        bySite.values().forEach(threads -> findings.add(finding(threads, verdicts.get(threads.get(0).id()))));
        return findings;
    }

    private static Finding finding(List<ThreadRecord> threads, Verdict verdict) {
        ThreadRecord first = threads.get(0);
        String who = threads.size() == 1 ? "thread " + first.name() : threads.size() + " threads (" + first.name() + ", ...)";
        String summary = who + ("BLOCKED".equals(first.state()) ? " blocked" : " waiting") + waitSite(first.stack())
                + " can never be woken: nothing that can still run reaches the " + Chains.simpleName(verdict.waitsOn())
                + " it waits on";
        return Finding.of(FindingType.LEAKED_THREAD, Severity.CRITICAL, summary)
                .threads(threads.stream().limit(THREADS_SHOWN).map(FindingThread::of).toList())
                .count(threads.size())
                .proven(true)
                .build();
    }

    /** {@code in SynchronousQueue.take at Consumer.run(Consumer.java:20)}: the JDK call and the application frame. */
    private static String waitSite(List<String> stack) {
        int app = Frames.firstApplicationIndex(stack);
        if (app > 0) {
            return " in " + Frames.shortMethod(stack.get(app - 1)) + " at " + Frames.shortFrame(stack.get(app));
        }
        if (app == 0) {
            return " at " + Frames.shortFrame(stack.get(0));
        }
        return stack.isEmpty() ? "" : " in " + Frames.shortFrame(stack.get(0));
    }
}
