package dev.threadhound.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.threadhound.finding.Finding;

import java.time.Instant;
import java.util.List;

/**
 * The document of the findings schema v1: the findings active as of {@code generatedAt} and, in the agent's report
 * at exit, the findings it saw during the run that had cleared by then ({@code cleared}, left out when none).
 */
@JsonPropertyOrder({"schema", "generatedAt", "findings", "cleared"})
public record FindingsReport(String schema, String generatedAt, List<Finding> findings,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClearedFinding> cleared) {

    public static final String SCHEMA = "threadhound/findings/v1";

    public FindingsReport {
        findings = List.copyOf(findings);
        cleared = cleared == null ? List.of() : List.copyOf(cleared);
    }

    public static FindingsReport of(Instant generatedAt, List<Finding> findings) {
        return of(generatedAt, findings, List.of());
    }

    public static FindingsReport of(Instant generatedAt, List<Finding> findings, List<ClearedFinding> cleared) {
        return new FindingsReport(SCHEMA, generatedAt.toString(), findings, cleared);
    }
}
