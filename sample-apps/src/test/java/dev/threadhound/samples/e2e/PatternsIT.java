package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out and worker-pool workloads under the real agent on JDK 17 and 25, with lock order tracked: healthy runs
 * yield nothing; an abandoned fan-in leaks tasks, an unbounded backlog saturates its pool, a job that swallows
 * cancellation outlives its pool's shutdownNow (and the stop waiting for the pool to terminate is named with it), and
 * none of them is a lock-order cycle; with {@code tasks=off} (no
 * hook runs per task) the stuck job is still found, from its worker. All the JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatternsIT {

    static final List<String> CASES = List.of("fanout none", "fanout abandoned-results", "workerpool none",
            "workerpool saturation", "workerpool ignored-cancellation", "workerpool ignored-cancellation tasks=off");

    private final Map<String, AgentRun> runs = new LinkedHashMap<>();

    @BeforeAll
    void startAll() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (String c : CASES) {
                String[] workloadBugOption = c.split(" ");
                boolean tasksOff = c.endsWith("tasks=off");
                runs.put(jdk.version() + " " + c, AgentRun.start(jdk,
                        workloadBugOption[0] + "-" + workloadBugOption[1] + (tasksOff ? "-tasks-off" : ""),
                        b -> b.jvmArg("-Dthreadhound.lockOrder=on").jvmArg("-Dthreadhound.tasks=" + (tasksOff ? "off" : "on")),
                        // 12 s, not 7: twelve JVMs on two cores make the agent's first cycles seconds late, and a
                        // job seen stuck for less than stuckAfter when the JVM exits is rightly not in its report
                        workloadBugOption[0], "--bug=" + workloadBugOption[1], "--duration=12s"));
            }
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
    void yieldsWhatTheBugIs(String key) throws Exception {
        AgentRun run = runs.get(key);
        FindingsReport report = run.awaitReport(Duration.ofSeconds(90));
        List<Finding> findings = report.findings();
        String context = key + ": " + run.context(report);
        assertThat(findings).as(context).noneMatch(f -> f.type() == FindingType.POTENTIAL_DEADLOCK);
        switch (key.substring(key.indexOf(' ') + 1)) {
            case "fanout none", "workerpool none" -> assertThat(findings).as(context).isEmpty();
            case "fanout abandoned-results" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() == FindingType.LEAKED_TASK).singleElement().satisfies(f -> {
                        assertThat(f.executor()).isEqualTo("fanout-replica");
                        assertThat(f.state()).isEqualTo("RUNNING");
                        assertThat(f.count()).as("every abandoned answer is one stuck task").isGreaterThan(1);
                        assertThat(f.submittedAt()).anyMatch(frame -> frame.contains("fanout.FirstResponseWins.query("));
                    });
            case "workerpool saturation" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() == FindingType.POOL_SATURATED).singleElement().satisfies(f -> {
                        assertThat(f.executor()).isEqualTo("workerpool-worker");
                        assertThat(f.active()).isEqualTo(2);
                        assertThat(f.max()).isEqualTo(2);
                        assertThat(f.queued()).isGreaterThan(50);
                    });
            case "workerpool ignored-cancellation" -> {
                assertThat(run.jvm().output()).contains("shutdownNow done; terminated=false");
                // logged as it appeared, while the stop was waiting for the pool (at exit it no longer is)
                assertThat(run.jvm().output().lines().filter(l -> l.contains("WARNING LEAKED_TASK: ")))
                        .as(context).anyMatch(l -> l.contains("; main waits for it in ThreadPoolExecutor.awaitTermination"
                                + " at WorkerPoolWorkload.run(WorkerPoolWorkload.java:"));
                assertThat(findings).as(context)
                        .filteredOn(f -> f.type() == FindingType.LEAKED_TASK).singleElement().satisfies(f -> {
                            assertThat(f.executor()).isEqualTo("workerpool-listener");
                            assertThat(f.submittedAt()).anyMatch(frame -> frame.contains("workerpool.UninterruptibleJob.submitListener("));
                            assertThat(f.threads()).singleElement().satisfies(t ->
                                    assertThat(t.stack()).anyMatch(frame -> frame.contains("UninterruptibleJob.listen(")));
                        });
            }
            case "workerpool ignored-cancellation tasks=off" -> {
                assertThat(run.jvm().output()).contains("tasks=off: nothing runs per task");
                assertThat(findings).as(context)
                        .filteredOn(f -> f.type() == FindingType.LEAKED_TASK).singleElement().satisfies(f -> {
                            assertThat(f.executor()).isEqualTo("workerpool-listener");
                            assertThat(f.submittedAt()).as("no hook saw it submitted").isEmpty();
                            assertThat(f.summary()).startsWith("a task stuck running for");
                            assertThat(f.threads()).singleElement().satisfies(t ->
                                    assertThat(t.stack()).anyMatch(frame -> frame.contains("UninterruptibleJob.listen(")));
                        });
            }
            default -> throw new IllegalArgumentException(key);
        }
    }
}
