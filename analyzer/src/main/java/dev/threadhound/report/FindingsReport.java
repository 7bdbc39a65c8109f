package dev.threadhound.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.threadhound.finding.Finding;

import java.time.Instant;
import java.util.List;

/** The document of the findings schema v1. */
@JsonPropertyOrder({"schema", "generatedAt", "findings"})
public record FindingsReport(String schema, String generatedAt, List<Finding> findings) {

    public static final String SCHEMA = "threadhound/findings/v1";

    public FindingsReport {
        findings = List.copyOf(findings);
    }

    public static FindingsReport of(Instant generatedAt, List<Finding> findings) {
        return new FindingsReport(SCHEMA, generatedAt.toString(), findings);
    }
}
