package dev.threadhound.agent.prove;

import dev.threadhound.prove.Verdict;

import java.util.Map;

/** What one proof found and what it cost. */
public record ProofRun(Map<Long, Verdict> verdicts, long dumpMillis, long analysisMillis, long dumpBytes) {

    public ProofRun {
        verdicts = Map.copyOf(verdicts);
    }

    /** {@code heap dump of 48 MB in 0.21 s, analysis 0.93 s}. */
    public String cost() {
        return String.format(java.util.Locale.ROOT, "heap dump of %s in %.2f s, analysis %.2f s",
                HeapBudget.megabytes(dumpBytes), dumpMillis / 1000.0, analysisMillis / 1000.0);
    }
}
