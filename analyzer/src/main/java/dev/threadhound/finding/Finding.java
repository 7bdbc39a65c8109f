package dev.threadhound.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One finding of the findings schema v1. The fields after {@code threads} are the per-type extras of the
 * contract; a field a type does not use is null and is left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "severity", "summary", "threads"})
public record Finding(
        FindingType type,
        Severity severity,
        String summary,
        List<FindingThread> threads,
        List<String> cycle,
        String executor,
        List<String> createdAt,
        List<String> submittedAt,
        Long durationMs,
        String state,
        Integer count,
        String lock,
        List<String> site,
        Integer threadCount,
        Integer queued,
        Integer active,
        Integer max,
        List<LockOrderEdge> lockOrder,
        List<FindingThread> victims,
        Boolean proven,
        List<String> keptBy,
        String exception,
        List<String> at) {

    public static Builder of(FindingType type, Severity severity, String summary) {
        return new Builder(type, severity, summary);
    }

    /** Fills the per-type extras by name, so a detector sets only what its type carries. */
    public static final class Builder {
        private final FindingType type;
        private final Severity severity;
        private final String summary;
        private List<FindingThread> threads = List.of();
        private List<String> cycle;
        private String executor;
        private List<String> createdAt;
        private List<String> submittedAt;
        private Long durationMs;
        private String state;
        private Integer count;
        private String lock;
        private List<String> site;
        private Integer threadCount;
        private Integer queued;
        private Integer active;
        private Integer max;
        private List<LockOrderEdge> lockOrder;
        private List<FindingThread> victims;
        private Boolean proven;
        private List<String> keptBy;
        private String exception;
        private List<String> at;

        private Builder(FindingType type, Severity severity, String summary) {
            this.type = type;
            this.severity = severity;
            this.summary = summary;
        }

        public Builder threads(List<FindingThread> value) { this.threads = List.copyOf(value); return this; }
        public Builder cycle(List<String> value) { this.cycle = List.copyOf(value); return this; }
        public Builder executor(String value) { this.executor = value; return this; }
        public Builder createdAt(List<String> value) { this.createdAt = List.copyOf(value); return this; }
        public Builder submittedAt(List<String> value) { this.submittedAt = List.copyOf(value); return this; }
        public Builder durationMs(long value) { this.durationMs = value; return this; }
        public Builder state(String value) { this.state = value; return this; }
        public Builder count(int value) { this.count = value; return this; }
        public Builder lock(String value) { this.lock = value; return this; }
        public Builder site(List<String> value) { this.site = List.copyOf(value); return this; }
        public Builder threadCount(int value) { this.threadCount = value; return this; }
        public Builder queued(int value) { this.queued = value; return this; }
        public Builder active(int value) { this.active = value; return this; }
        public Builder max(int value) { this.max = value; return this; }
        public Builder lockOrder(List<LockOrderEdge> value) { this.lockOrder = List.copyOf(value); return this; }
        public Builder victims(List<FindingThread> value) { this.victims = List.copyOf(value); return this; }
        public Builder proven(boolean value) { this.proven = value; return this; }
        public Builder keptBy(List<String> value) { this.keptBy = List.copyOf(value); return this; }
        public Builder exception(String value) { this.exception = value; return this; }
        public Builder at(List<String> value) { this.at = List.copyOf(value); return this; }

        public Finding build() {
            return new Finding(type, severity, summary, threads, cycle, executor, createdAt, submittedAt,
                    durationMs, state, count, lock, site, threadCount, queued, active, max, lockOrder, victims,
                    proven, keptBy, exception, at);
        }
    }
}
