package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * {@code threadhound_findings{type,severity}}: the findings active now, and
 * {@code threadhound_finding_threads{type,severity}}: how many threads or tasks they hold (a finding that groups
 * many stuck threads at one site counts them all), which is what grows while a leak goes on.
 * Every type and severity is registered up front at 0, so a dashboard or an alert on a healthy JVM reads 0
 * rather than "no data". Scrape cost: one array read per series.
 */
final class FindingMeters {

    private static final FindingType[] TYPES = FindingType.values();
    private static final Severity[] SEVERITIES = Severity.values();

    private volatile long[] findings = new long[TYPES.length * SEVERITIES.length];
    private volatile long[] threads = new long[TYPES.length * SEVERITIES.length];

    FindingMeters(MeterRegistry registry) {
        for (FindingType type : TYPES) {
            for (Severity severity : SEVERITIES) {
                int slot = slot(type, severity);
                Gauge.builder("threadhound.findings", this, m -> m.findings[slot])
                        .description("Findings active now")
                        .tag("type", type.name()).tag("severity", severity.name())
                        .register(registry);
                Gauge.builder("threadhound.finding.threads", this, m -> m.threads[slot])
                        .description("Threads and tasks the active findings hold")
                        .tag("type", type.name()).tag("severity", severity.name())
                        .register(registry);
            }
        }
    }

    void publish(List<Finding> active) {
        long[] countFindings = new long[findings.length];
        long[] countThreads = new long[threads.length];
        for (Finding f : active) {
            int slot = slot(f.type(), f.severity());
            countFindings[slot]++;
            countThreads[slot] += held(f);
        }
        findings = countFindings;
        threads = countThreads;
    }

    /**
     * A grouping finding names a few threads and counts the rest; an executor leak counts its executors, and a pile
     * of periodic tasks or periodic tasks that stopped count tasks, not threads. The console's count and this one are the same number
     * ({@link ConsoleLog}).
     */
    static long held(Finding f) {
        if (countsObjects(f) || f.type() == FindingType.CONTENTION || f.type() == FindingType.PINNED_VIRTUAL_THREAD) {
            return f.threads().size();
        }
        long named = f.threads().size();
        long counted = f.count() != null ? f.count() : 0;
        return Math.max(1, Math.max(named, counted));
    }

    /** A finding whose count is of executors or periodic tasks, not of threads. */
    static boolean countsObjects(Finding f) {
        return f.type() == FindingType.LEAKED_EXECUTOR || f.type() == FindingType.TASK_PILE_UP
                || f.type() == FindingType.TASK_STOPPED;
    }

    private static int slot(FindingType type, Severity severity) {
        return type.ordinal() * SEVERITIES.length + severity.ordinal();
    }
}
