package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaks of idle threads in the samples, under the real agent on JDK 17 and 25: timers made per call pile up, a
 * consumer that died explains its stuck producer (and while it lived, polling through a helper for ten seconds and
 * handed an item by nearly every wait, was no polling loop: the first {@code LEAKED_THREAD} is the producer's), pools made by a burst of requests leak while the per-shard pools
 * of start-up do not, a program whose main returned is kept alive by what it forgot to close, while its fixed
 * version exits with nothing to report, and a periodic refresh that threw once has stopped for good. All the JVMs run
 * at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleLeaksIT {

    static final List<String> CASES = List.of("fanout timer-per-call", "pipeline dead-consumer",
            "pipeline executor-burst", "batch none", "batch never-exits", "workerpool stopped-refresh");

    private final Map<String, AgentRun> runs = new LinkedHashMap<>();

    /**
     * What each bug's JVM prints once its finding is there; it is then stopped (the report is written at SIGTERM). A
     * fixed duration would be too short on a loaded machine and needlessly long on a quiet one.
     */
    private static final Map<String, String> STOP_WHEN = Map.of(
            "fanout timer-per-call", "WARNING THREAD_PILE_UP",
            "pipeline dead-consumer", "WARNING LEAKED_THREAD",
            "pipeline executor-burst", "WARNING LEAKED_EXECUTOR",
            "batch never-exits", "WARNING EXIT_BLOCKED",
            "workerpool stopped-refresh", "WARNING TASK_STOPPED");

    @BeforeAll
    void startAll() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (String c : CASES) {
                String[] workloadAndBug = c.split(" ");
                String duration = c.equals("batch none") || c.equals("batch never-exits") ? "--duration=2s" : "--duration=120s";
                runs.put(jdk.version() + " " + c, AgentRun.start(jdk, workloadAndBug[0] + "-" + workloadAndBug[1],
                        workloadAndBug[0], "--bug=" + workloadAndBug[1], duration));
            }
        }
    }

    @AfterAll
    void stopAll() {
        runs.values().forEach(AgentRun::close);
        hangingExits.values().forEach(AgentRun::close);
    }

    /**
     * By {@code "<jdk> <bug>"}, a batch whose exit hangs for good, with the endpoint on a port of its own: its shutdown
     * hook calls {@code System.exit}, or waits for a lock that {@code main} held when it called it.
     */
    private final Map<String, AgentRun> hangingExits = new LinkedHashMap<>();
    private final Map<String, Integer> hangingExitPorts = new LinkedHashMap<>();

    static Stream<String> hangingExitCases() {
        return AgentRun.onEveryJdk(List.of("exit-in-hook", "exit-holding-lock"));
    }

    @BeforeAll
    void startHangingExits() throws IOException {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (String bug : List.of("exit-in-hook", "exit-holding-lock")) {
                int port = PrometheusServer.freePort();
                hangingExitPorts.put(jdk.version() + " " + bug, port);
                hangingExits.put(jdk.version() + " " + bug, AgentRun.startDetecting(jdk, "batch-" + bug,
                        "stuckAfter=2s,interval=250ms,port=" + port, "batch", "--bug=" + bug, "--duration=1s"));
            }
        }
    }

    /**
     * The JVM never ends, and nothing outside it can end it but a kill: SIGTERM only asks for the exit under way. The
     * console says why, once, and the endpoint, which serves on until the application's hooks have ended, says it to
     * Prometheus and anyone asking.
     */
    @ParameterizedTest(name = "JDK{0}")
    @MethodSource("hangingExitCases")
    void aShutdownHookThatWaitsForTheExitHoldsItForGoodAndTheEndpointSaysWhy(String key) throws IOException {
        AgentRun run = hangingExits.get(key);
        String output = run.jvm().awaitOutput("WARNING EXIT_BLOCKED", Duration.ofSeconds(120));
        String findings = MetricsTools.awaitHttp("http://127.0.0.1:" + hangingExitPorts.get(key) + "/findings",
                Duration.ofSeconds(10), run.jvm());
        boolean hanging = run.jvm().alive();
        run.jvm().kill();
        FindingsReport report = Json.readReport(findings);
        String context = key + ": " + run.context(report);
        assertThat(hanging).as("the exit hangs: %s", context).isTrue();
        assertThat(output).as(context).doesNotContain("LEAKED_THREAD");
        boolean inHook = key.endsWith("exit-in-hook");
        assertThat(output).as(context).contains(inHook ? "batch: the summary could not be written; exiting with status 3"
                : "batch: the job failed its last check; exiting with status 2");
        assertThat(report.findings()).as(context).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED);
            assertThat(f.threads()).extracting(FindingThread::name)
                    .containsExactly(inHook ? "batch-summary" : "batch-deregister");
            if (inHook) {
                assertThat(f.summary()).contains("a shutdown hook has not ended: thread batch-summary blocked in"
                                + " System.exit at BatchWorkload.writeSummaryOrExit(BatchWorkload.java:",
                        "System.exit called from a shutdown hook waits for the exit under way");
            } else {
                assertThat(f.summary()).contains("a shutdown hook has not ended: thread batch-deregister blocked at"
                                + " BatchWorkload.deregister(BatchWorkload.java:",
                        " held by main, which called System.exit at BatchWorkload.failHoldingTheRegistry(BatchWorkload.java:",
                        "holding it and waits for the hooks, which wait for it: for good");
            }
        });
    }

    static Stream<String> cases() {
        return AgentRun.onEveryJdk(CASES);
    }

    @ParameterizedTest(name = "JDK{0}")
    @MethodSource("cases")
    void yieldsWhatTheBugIs(String key) {
        AgentRun run = runs.get(key);
        String mode = key.substring(key.indexOf(' ') + 1);
        FindingsReport report = STOP_WHEN.containsKey(mode)
                ? run.stopOnceItSays(STOP_WHEN.get(mode), Duration.ofSeconds(120))
                : run.awaitReport(Duration.ofSeconds(90));
        List<Finding> findings = report.findings();
        String context = key + ": " + run.context(report);
        switch (mode) {
            case "fanout timer-per-call" -> assertThat(of(findings, FindingType.THREAD_PILE_UP)).as(context)
                    .singleElement().satisfies(f -> {
                        assertThat(f.count()).isGreaterThan(8);
                        assertThat(f.createdAt()).anyMatch(frame -> frame.contains("fanout.DeadlinePerCall.query("));
                        assertThat(f.threads()).allSatisfy(t -> assertThat(t.name()).startsWith("fanout-deadline-"));
                        assertThat(f.summary()).contains("idle daemon threads started at DeadlinePerCall.query(");
                    });
            case "pipeline dead-consumer" -> {
                assertThat(of(findings, FindingType.THREAD_DIED)).as(context).singleElement().satisfies(f -> {
                    assertThat(f.exception()).startsWith("java.lang.NullPointerException");
                    assertThat(f.at()).anyMatch(frame -> frame.contains("pipeline.CrashingSink.run("));
                    assertThat(f.threads()).extracting(FindingThread::name).containsExactly("pipeline-sink");
                });
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context).singleElement().satisfies(f -> {
                    assertThat(f.threads()).extracting(FindingThread::name).containsExactly("pipeline-transform");
                    assertThat(f.summary()).contains("; its consumer pipeline-sink died of NullPointerException at"
                            + " CrashingSink.run(CrashingSink.java:");
                });
                assertThat(run.jvm().output()).as("printed once, when it appeared")
                        .containsOnlyOnce("INFO THREAD_DIED").containsOnlyOnce("WARNING LEAKED_THREAD");
            }
            case "pipeline executor-burst" -> {
                assertThat(run.jvm().output()).contains("pipeline: 4 shard pools");
                assertThat(of(findings, FindingType.LEAKED_EXECUTOR)).as(context + "\nthe shard pools stay quiet")
                        .singleElement().satisfies(f -> {
                            assertThat(f.createdAt()).anyMatch(frame -> frame.contains("pipeline.RequestHandler.handle("));
                            // ten were made; the last ones may not have been idle for stuckAfter yet
                            assertThat(f.count()).isBetween(3, 10);
                            assertThat(f.summary()).contains("executors created at RequestHandler.handle(");
                        });
            }
            case "workerpool stopped-refresh" -> assertThat(of(findings, FindingType.TASK_STOPPED)).as(context)
                    .singleElement().satisfies(f -> {
                        assertThat(f.executor()).isEqualTo("workerpool-refresher");
                        assertThat(f.exception()).isEqualTo("java.lang.IllegalStateException: malformed quote for ACME: 12,5O");
                        assertThat(f.at()).anyMatch(frame -> frame.contains("workerpool.StaleQuotes.refresh("));
                        assertThat(f.submittedAt()).anyMatch(frame -> frame.contains("workerpool.StaleQuotes.start("));
                        assertThat(f.summary()).startsWith("periodic task StaleQuotes$$Lambda")
                                .contains(" scheduled at StaleQuotes.start(StaleQuotes.java:",
                                        " on executor workerpool-refresher stopped ",
                                        " and will never run again: its run threw IllegalStateException: malformed quote"
                                                + " for ACME: 12,5O at StaleQuotes.refresh(StaleQuotes.java:");
                    });
            case "batch none" -> assertThat(findings).as(context).isEmpty();
            case "batch never-exits" -> assertThat(of(findings, FindingType.EXIT_BLOCKED)).as(context)
                    .singleElement().satisfies(f -> {
                        assertThat(f.threads()).extracting(FindingThread::name)
                                .contains("batch-progress", "batch-heartbeat")
                                .anyMatch(name -> name.matches("pool-\\d+-thread-\\d+"));
                        assertThat(f.threads()).allSatisfy(t ->
                                assertThat(t.createdAt()).anyMatch(frame -> frame.contains("batch.BatchJob.")));
                        assertThat(f.summary()).contains("shut down executor BatchJob.<init>:",
                                "cancel the Timer of thread batch-progress", "end or make daemon thread batch-heartbeat");
                    });
            default -> throw new IllegalArgumentException(key);
        }
    }

    private static List<Finding> of(List<Finding> findings, FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }
}
