package dev.threadhound.report;

import dev.threadhound.finding.Finding;

/**
 * A finding seen during a run that had cleared by the time the report was written (a task stuck for a while that
 * went on, a hang that passed, contention that eased): as it was last seen, with when it was first and last seen
 * (ISO-8601 instants, as {@code generatedAt}).
 */
public record ClearedFinding(String firstSeen, String lastSeen, Finding finding) {
}
