package dev.threadhound.agent.loop;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.List;

/** The newest snapshot and the findings it produced, as the sinks see them. */
public record Published(Snapshot snapshot, List<Finding> findings) {
    public Published {
        findings = List.copyOf(findings);
    }
}
