package dev.threadhound.prove;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.TaskState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Puts verdicts on the leak findings: a {@code LEAKED_THREAD} or running {@code LEAKED_TASK} whose threads are all
 * proven becomes {@code CRITICAL} with {@code "proven": true}; one with a thread that something can still reach gets
 * {@code "proven": false} and that chain in {@code keptBy}. A finding with a thread the proof did not decide is left
 * as it was, and so is every other type (a deadlock is certain already).
 */
public final class Proof {

    private Proof() {
    }

    /** Every finding with the verdicts that apply to it, most severe first as the detectors order them. */
    public static List<Finding> annotate(List<Finding> findings, Function<FindingThread, Verdict> verdicts) {
        List<Finding> out = new ArrayList<>(findings.size());
        boolean changed = false;
        for (Finding f : findings) {
            Finding annotated = annotate(f, verdicts);
            changed |= annotated != f;
            out.add(annotated);
        }
        if (changed) {
            // stable: equal severities keep the detectors' order
            out.sort(Comparator.comparing(Finding::severity));
        }
        return List.copyOf(out);
    }

    /** The finding with its threads' verdicts, or the same finding when they do not decide it. */
    public static Finding annotate(Finding f, Function<FindingThread, Verdict> verdicts) {
        if (!provable(f) || f.threads().isEmpty() || f.proven() != null) {
            return f;
        }
        List<Verdict> found = new ArrayList<>();
        for (FindingThread t : f.threads()) {
            Verdict v = verdicts.apply(t);
            if (v != null && !v.proven()) {
                return with(f, f.severity(), f.summary() + "; not proven: still reachable from " + v.keptBy().get(0),
                        false, v.keptBy());
            }
            found.add(v);
        }
        boolean everyThreadListed = f.count() == null || f.count() <= f.threads().size();
        if (!everyThreadListed || found.contains(null)) {
            return f;
        }
        String summary = f.summary() + "; proven: nothing that can still run reaches the "
                + Chains.simpleName(found.get(0).waitsOn()) + " it waits on, so nothing can ever wake it";
        return with(f, Severity.CRITICAL, summary, true, List.of());
    }

    private static boolean provable(Finding f) {
        return f.type() == FindingType.LEAKED_THREAD
                || (f.type() == FindingType.LEAKED_TASK && TaskState.RUNNING.name().equals(f.state()));
    }

    private static Finding with(Finding f, Severity severity, String summary, boolean proven, List<String> keptBy) {
        return new Finding(f.type(), severity, summary, f.threads(), f.cycle(), f.executor(), f.createdAt(),
                f.submittedAt(), f.durationMs(), f.state(), f.count(), f.lock(), f.site(), f.threadCount(), f.queued(),
                f.active(), f.max(), f.lockOrder(), f.victims(), proven, keptBy.isEmpty() ? null : List.copyOf(keptBy),
                f.exception(), f.at());
    }
}
