package dev.threadhound.cli;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;
import dev.threadhound.prove.ProvenLeaks;
import dev.threadhound.prove.Reachability;
import dev.threadhound.prove.Verdict;
import dev.threadhound.source.dump.DumpedThreads;
import dev.threadhound.source.dump.UnreadableInputException;
import dev.threadhound.source.heap.HeapDump;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code analyze heap.hprof}: the threads of the dump's own stack traces, and the leaks reachability proves among
 * them. A single dump cannot show how long anything waited, so it reports proven leaks only. Loaded only for a heap
 * dump, so the other inputs never load Shark.
 */
record HeapInput(DumpedThreads input, List<Finding> findings) {

    static HeapInput analyze(Path file) throws UnreadableInputException {
        try (HeapDump dump = HeapDump.open(file)) {
            Snapshot snapshot = dump.snapshot();
            List<Long> candidates = ProvenLeaks.candidates(snapshot);
            Map<Long, Verdict> verdicts = Reachability.decide(dump.graph(), candidates, Map.of());
            long proven = verdicts.values().stream().filter(Verdict::proven).count();
            String note = "a heap dump shows no durations, so only leaks proven by heap reachability are reported: "
                    + candidates.size() + " waiting application " + (candidates.size() == 1 ? "thread" : "threads")
                    + " checked, " + proven + " proven, " + (verdicts.size() - proven) + " still reachable, "
                    + (candidates.size() - verdicts.size()) + " undecided (waiting on a monitor the dump does not name)";
            return new HeapInput(new DumpedThreads(snapshot, List.of(note)), ProvenLeaks.of(snapshot, verdicts));
        } catch (RuntimeException e) {
            throw new UnreadableInputException("is a truncated or damaged heap dump (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")", e);
        }
    }
}
