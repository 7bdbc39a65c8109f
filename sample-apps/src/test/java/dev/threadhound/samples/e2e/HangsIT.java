package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hangs that do not look blocked, and a consumer of rare events, under the real agent on JDK 17 and 25: a polling
 * loop nobody ends (of timed waits, and of sleeps), threads spinning in an endless loop, HTTP calls with no read
 * timeout to a server that never answers, a hot monitor made of waits far too short for JFR (with JFR
 * off, so only the sampled states can tell), and the audit writer of issue 13 with {@code stuckAfter=5s}: never
 * reported while its events come every 8 s, reported within the documented bound once they stop; and a hang that
 * passes, which the report at exit lists as cleared. All the JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HangsIT {

    /** The audit writer's options: the issue's {@code stuckAfter=5s}, the agent's default interval. */
    private static final String AUDIT_DETECTION = "stuckAfter=5s,interval=1s,port=0";
    /** What the console prints when a finding appears. */
    private static final String FINDING_LINE = "threadhound: (CRITICAL|WARNING|INFO) [A-Z_]+: .*";

    /**
     * The audit writer needs 72 s whatever happens, so the other runs may take 30 s at no cost to the build: on a
     * machine whose load is many times its cores, the agent's cycles and the sample's threads start late.
     */
    private static final String SHORT_RUN = "30s";

    static final List<String> CASES = List.of("polling-wait", "drain-wait", "spin", "tiny-waits", "no-read-timeout",
            "audit-healthy", "audit-events-stop", "stall-passes");

    private final Map<String, AgentRun> runs = new LinkedHashMap<>();

    @BeforeAll
    void startAll() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            int v = jdk.version();
            runs.put(v + " polling-wait", AgentRun.start(jdk, "pipeline-polling-wait",
                    "pipeline", "--bug=polling-wait", "--duration=" + SHORT_RUN));
            runs.put(v + " drain-wait", AgentRun.start(jdk, "pipeline-drain-wait",
                    "pipeline", "--bug=drain-wait", "--duration=" + SHORT_RUN));
            runs.put(v + " spin", AgentRun.start(jdk, "workerpool-spin", "workerpool", "--bug=spin", "--duration=" + SHORT_RUN));
            runs.put(v + " tiny-waits", AgentRun.startDetecting(jdk, "pipeline-tiny-waits",
                    AgentRun.FAST_DETECTION + ",jfr=off", "pipeline", "--bug=tiny-waits", "--duration=" + SHORT_RUN));
            runs.put(v + " no-read-timeout", AgentRun.start(jdk, "fanout-no-read-timeout", "fanout",
                    "--bug=no-read-timeout", "--duration=" + SHORT_RUN));
            runs.put(v + " audit-healthy", AgentRun.startDetecting(jdk, "audit-healthy", AUDIT_DETECTION,
                    "audit", "--duration=40s"));
            runs.put(v + " audit-events-stop", AgentRun.startDetecting(jdk, "audit-events-stop", AUDIT_DETECTION,
                    "audit", "--bug=events-stop", "--duration=72s"));
            runs.put(v + " stall-passes", AgentRun.start(jdk, "stall-passes",
                    b -> b.classpath(Path.of("target", "test-classes").toAbsolutePath())
                            .main(StallThatPasses.class.getName())));
        }
    }

    @AfterAll
    void stopAll() {
        runs.values().forEach(AgentRun::close);
    }

    static Stream<String> cases() {
        return AgentRun.onEveryJdk(CASES);
    }

    @ParameterizedTest(name = "JDK{0}")
    @MethodSource("cases")
    void findsTheHang(String key) {
        AgentRun run = runs.get(key);
        FindingsReport report = run.awaitReport(Duration.ofSeconds(150));
        List<Finding> findings = report.findings();
        String context = key + ": " + run.context(report);
        switch (key.substring(key.indexOf(' ') + 1)) {
            case "polling-wait" -> assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context)
                    .singleElement().satisfies(f -> {
                        assertThat(f.summary()).contains("stuck in a polling loop", "Handshake.awaitPartner",
                                "all on the same object");
                        assertThat(f.count()).isEqualTo(2);
                        assertThat(f.threads()).extracting(t -> t.name()).containsExactlyInAnyOrder(
                                "pipeline-handshake-transform", "pipeline-handshake-sink");
                        assertThat(f.threads()).allSatisfy(t -> {
                            assertThat(t.state()).isEqualTo("TIMED_WAITING");
                            assertThat(t.stack()).anyMatch(frame -> frame.contains("pipeline.Handshake.awaitPartner("));
                        });
                    });
            case "drain-wait" -> assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context)
                    .singleElement().satisfies(f -> {
                        assertThat(f.summary()).contains("thread pipeline-rotator stuck in a polling loop",
                                " sleeps in Thread.sleep at LogRotator.awaitDrained(LogRotator.java:");
                        assertThat(f.threads()).singleElement().satisfies(t -> {
                            assertThat(t.state()).isEqualTo("TIMED_WAITING");
                            assertThat(t.stack()).anyMatch(frame -> frame.contains("pipeline.LogRotator.awaitDrained("));
                        });
                    });
            case "spin" -> {
                assertThat(of(findings, FindingType.SPINNING_THREADS)).as(context).singleElement().satisfies(f -> {
                    assertThat(f.threads()).extracting(t -> t.name())
                            .containsExactlyInAnyOrder("workerpool-indexer-1", "workerpool-indexer-2");
                    assertThat(f.site()).anyMatch(frame -> frame.contains("workerpool.CorruptedIndex.find("));
                    assertThat(f.victims()).extracting(t -> t.name()).containsExactly("workerpool-producer-1");
                    assertThat(f.durationMs()).isGreaterThanOrEqualTo(2_000);
                });
                assertThat(findings).as(context).allMatch(f -> f.type() == FindingType.SPINNING_THREADS);
            }
            case "tiny-waits" -> assertThat(of(findings, FindingType.CONTENTION)).as(context)
                    .anySatisfy(f -> {
                        assertThat(f.lock()).isEqualTo("java.lang.StringBuffer");
                        assertThat(f.summary()).contains("found waiting for the monitor of StringBuffer@");
                        assertThat(f.site()).anyMatch(frame -> frame.contains("pipeline.Journal.record("));
                        assertThat(f.threads()).isNotEmpty().allSatisfy(t ->
                                assertThat(t.name()).startsWith("pipeline-journal-"));
                    });
            case "no-read-timeout" -> {
                // RUNNABLE in native code the whole time: only the stack tells that the read has no timeout
                assertThat(of(findings, FindingType.LEAKED_TASK)).as(context).singleElement().satisfies(f -> {
                    assertThat(f.summary()).contains("3 tasks", "on executor fanout-replica",
                            "at SilentReplica.ask(", "reading a socket with no timeout for a response the server has not begun",
                            "submitted at FanOutWorkload.askSilent(");
                    assertThat(f.threads()).allSatisfy(t -> {
                        assertThat(t.state()).isEqualTo("RUNNABLE");
                        assertThat(t.stack()).anyMatch(frame -> frame.contains("HttpClient.parseHTTP("));
                    });
                });
                assertThat(findings).as(context).allMatch(f -> f.type() == FindingType.LEAKED_TASK);
            }
            case "audit-healthy" -> {
                assertThat(run.jvm().output()).as(context).contains("audit-writer: wrote event 5 ");
                assertThat(findings).as(context).isEmpty();
                assertThat(run.jvm().output().lines().filter(l -> l.matches(FINDING_LINE)))
                        .as("no finding ever appeared: %s", context).isEmpty();
            }
            case "audit-events-stop" -> {
                // due at +16.5 s; a crowded machine kept the sending thread off the CPU for 2.7 s once (+19.2 s): the
                // finding, 50 s after it, must still come before the run's end at +72 s
                Matcher last = Pattern.compile("audit: last event sent at \\+(\\d+)ms")
                        .matcher(run.jvm().output());
                assertThat(last.find()).as(context).isTrue();
                assertThat(Long.parseLong(last.group(1))).as(context).isBetween(16_000L, 21_000L);
                // the writer's waits ended within about 8 s: 10 x that is over the cap of 10 x stuckAfter = 50 s
                assertThat(findings).as(context).singleElement().satisfies(f -> {
                    assertThat(f.type()).isEqualTo(FindingType.LEAKED_THREAD);
                    assertThat(f.threads()).extracting(t -> t.name()).containsExactly("audit-writer");
                    assertThat(f.summary()).contains("in LinkedBlockingQueue.take", "its earlier waits there ended within");
                    assertThat(f.durationMs()).isBetween(50_000L, 60_000L);
                });
                // at the first cycle past the cap: 50 s, or a second or more later when a crowded machine's cycles
                // run 1.6 s apart (cpuBudget), as the report's durationMs allows
                assertThat(run.jvm().output().lines().filter(l -> l.matches(FINDING_LINE)))
                        .as("it appeared once, after its events stopped: %s", context).singleElement().asString()
                        .containsPattern("LEAKED_THREAD: thread audit-writer waiting for 5\\ds ");
            }
            case "stall-passes" -> {
                // the report has the wait that is still on as the JVM exits, and the one that passed as cleared
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context).singleElement().satisfies(f ->
                        assertThat(f.threads()).extracting(t -> t.name()).containsExactly("audit-flusher"));
                assertThat(report.cleared()).as(context).filteredOn(c -> c.finding().type() != FindingType.CONTENTION)
                        .singleElement().satisfies(c -> {
                    assertThat(c.finding().type()).isEqualTo(FindingType.LEAKED_THREAD);
                    assertThat(c.finding().threads()).extracting(t -> t.name()).containsExactly("payment-caller");
                    assertThat(c.finding().summary()).contains("thread payment-caller", "CountDownLatch.await");
                    Instant first = Instant.parse(c.firstSeen());
                    Instant last = Instant.parse(c.lastSeen());
                    // one cycle or many, as the machine allows: seen for some time before the report, not at it
                    assertThat(last).isAfterOrEqualTo(first).isBefore(Instant.parse(report.generatedAt()));
                });
                assertThat(run.jvm().output()).as(context).contains("LEAKED_THREAD: thread payment-caller");
            }
            default -> throw new IllegalArgumentException(key);
        }
    }

    private static List<Finding> of(List<Finding> findings, FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }
}
