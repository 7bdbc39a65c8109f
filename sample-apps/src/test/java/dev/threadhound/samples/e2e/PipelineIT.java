package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.LockOrderEdge;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pipeline mode in a JVM of its own with the real agent jar, on JDK 17 and 25, with lock order tracked
 * ({@code -Dthreadhound.lockOrder=on}, as a test JVM's argLine would turn it on): each bug yields its finding, naming
 * the sample's own methods; the healthy pipeline yields none, and no mode but {@code lock-order} yields a
 * {@code POTENTIAL_DEADLOCK} (a read lock's upgrade, a deadlock of each reader alone, is a {@code DEADLOCK}); the
 * leak run again with {@code ignore} set to its audit trail loses the finding made there and keeps the other. All
 * the JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineIT {

    static final List<String> MODES = List.of("none", "leak", "deadlock", "starvation", "executor-per-request",
            "lock-order", "lock-upgrade", "mutex-reentry");

    /** The leak again, run as a user who said its audit trail's findings are not to be reported. */
    static final String IGNORING = "leak ignoring its audit trail";
    static final String IGNORED = "dev.threadhound.samples.pipeline.AuditTrail.";

    /** Long enough for any crowded machine; the runs of {@link #STOP_WHEN} are stopped once their findings show. */
    private static final String UNTIL_STOPPED = "--duration=90s";
    private static final String TRANSFORM_STUCK = "LEAKED_THREAD: thread pipeline-transform";
    /**
     * What the console of each mode seen only after {@code stuckAfter} shows once its findings are there, in
     * order; not the executor per request, which would make executors all along and load the machine for the
     * others (its executors are idle for {@code stuckAfter} long before its twelve seconds end). The audit task of the leak run ignoring it is stuck as long as the stage: the report made at the stop
     * would have it, were it not ignored.
     */
    private static final Map<String, List<String>> STOP_WHEN = Map.of(
            "leak", List.of("LEAKED_TASK: task AuditTrail", TRANSFORM_STUCK),
            IGNORING, List.of(TRANSFORM_STUCK),
            "starvation", List.of("findDeadlockedThreads: ", "STARVATION_DEADLOCK: "),
            "mutex-reentry", List.of("findDeadlockedThreads: ", "DEADLOCK: deadlock: thread pipeline-outbox"));

    private final Map<String, AgentRun> runs = new LinkedHashMap<>();

    @BeforeAll
    void startEveryModeOnEveryJdk() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (String mode : MODES) {
                // The lock-order cycle must show within its first seconds, and an upgrade deadlocks at once: those
                // runs are short. The others leave room for sixteen JVMs starting at once on two cores, where an
                // agent's first, cold cycle can take five seconds and a thread stuck at one is first seen stuck
                // only at the next. What is seen only two looks stuckAfter apart came as late as twelve seconds
                // into such a run (a leak, by hand, sixteen at once): those runs go on until the console shows it.
                String duration = mode.startsWith("lock-") ? "--duration=3s"
                        : STOP_WHEN.containsKey(mode) ? UNTIL_STOPPED : "--duration=12s";
                runs.put(key(jdk.version(), mode), AgentRun.start(jdk, "pipeline-" + mode,
                        b -> b.jvmArg("-Dthreadhound.lockOrder=on"), "pipeline", "--bug=" + mode, duration));
            }
            runs.put(key(jdk.version(), IGNORING), AgentRun.start(jdk, "pipeline-leak-ignoring",
                    b -> b.jvmArg("-Dthreadhound.lockOrder=on").jvmArg("-Dthreadhound.ignore=" + IGNORED),
                    "pipeline", "--bug=leak", UNTIL_STOPPED));
        }
    }

    @AfterAll
    void stopAll() {
        runs.values().forEach(AgentRun::close);
    }

    static Stream<String> cases() {
        List<String> out = new ArrayList<>();
        for (int jdk : List.of(17, 25)) {
            for (String mode : MODES) {
                out.add(key(jdk, mode));
            }
            out.add(key(jdk, IGNORING));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void yieldsItsFinding(String key) throws Exception {
        AgentRun run = runs.get(key);
        String mode = key.substring(key.indexOf(' ') + 1);
        FindingsReport report = STOP_WHEN.containsKey(mode)
                ? run.reportOnceItSays(STOP_WHEN.get(mode), Duration.ofSeconds(90))
                : run.awaitReport(Duration.ofSeconds(90));
        assertThat(report.schema()).isEqualTo("threadhound/findings/v1");
        List<Finding> findings = report.findings();
        String context = key + ": " + run.context(report);
        if (!mode.equals("lock-order")) {
            assertThat(of(findings, FindingType.POTENTIAL_DEADLOCK)).as(context).isEmpty();
        }
        switch (mode) {
            case "none" -> assertThat(findings).as(context).isEmpty();
            case "leak" -> {
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context)
                        .anySatisfy(f -> assertThat(f.threads()).anySatisfy(t -> {
                            assertThat(t.name()).isEqualTo("pipeline-transform");
                            assertThat(t.createdAt()).anyMatch(frame -> frame.contains("pipeline.Pipeline.startStage("));
                            assertThat(t.stack()).anyMatch(frame -> frame.contains("ArrayBlockingQueue.put("));
                        }));
                assertThat(of(findings, FindingType.LEAKED_TASK)).as(context)
                        .anySatisfy(f -> {
                            assertThat(f.state()).isEqualTo("RUNNING");
                            assertThat(f.executor()).isEqualTo("pipeline-worker");
                            assertThat(f.submittedAt()).anyMatch(frame -> frame.contains("pipeline.AuditTrail.submitAudit("));
                        });
            }
            case IGNORING -> {
                // the leaked task is submitted by the audit trail: left out; the stuck stage is not the trail's
                assertThat(of(findings, FindingType.LEAKED_TASK)).as(context).isEmpty();
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context)
                        .anySatisfy(f -> assertThat(f.threads()).extracting(t -> t.name()).contains("pipeline-transform"));
                assertThat(run.jvm().output()).as("said once at start")
                        .containsOnlyOnce("ignore=" + IGNORED + ": findings at a frame that starts with " + IGNORED
                                + " are not reported")
                        .doesNotContain("LEAKED_TASK");
            }
            case "deadlock" -> {
                assertThat(of(findings, FindingType.DEADLOCK)).as(context)
                        .singleElement().satisfies(f -> {
                            assertThat(f.cycle()).containsExactlyInAnyOrder("ledger-transfer-a-to-b", "ledger-transfer-b-to-a");
                            assertThat(f.threads()).allSatisfy(t -> {
                                assertThat(t.blockedOn()).contains("Ledger$Account@");
                                assertThat(t.createdAt()).anyMatch(frame -> frame.contains("pipeline.Ledger.start"));
                            });
                        });
                // the threads of the cycle, and the audit blocked behind it, belong to the deadlock only: no
                // LEAKED_THREAD for them, on every JDK (JDK 17 charges a blocked thread a little CPU time now and
                // then, which must not count as progress and make the audit look alive)
                assertThat(of(findings, FindingType.DEADLOCK)).singleElement().satisfies(f ->
                        assertThat(f.victims()).as(context).extracting(t -> t.name()).containsExactly("ledger-audit"));
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context).isEmpty();
                assertThat(run.jvm().output()).as("printed once, when it appeared").containsOnlyOnce("CRITICAL DEADLOCK");
            }
            case "starvation" -> {
                assertThat(run.jvm().output()).as("the JDK's own detection sees nothing")
                        .contains("findDeadlockedThreads: null");
                assertThat(of(findings, FindingType.STARVATION_DEADLOCK)).as(context)
                        .singleElement().satisfies(f -> {
                            assertThat(f.executor()).isEqualTo("pipeline-report");
                            assertThat(f.cycle()).containsExactlyInAnyOrder("pipeline-report-1", "pipeline-report-2");
                            assertThat(f.threads()).allSatisfy(t ->
                                    assertThat(t.stack()).anyMatch(frame -> frame.contains("pipeline.ReportBuilder.buildReport(")));
                        });
            }
            case "lock-upgrade" -> {
                assertThat(run.jvm().output()).as("the JDK's own detection sees nothing")
                        .contains("findDeadlockedThreads: null");
                assertThat(of(findings, FindingType.DEADLOCK)).as(context).singleElement().satisfies(f -> {
                    assertThat(f.summary()).contains("threads pipeline-pricing-1, pipeline-pricing-2 each wait",
                            "for the write lock of ReentrantReadWriteLock$", "while holding its read lock");
                    assertThat(f.cycle()).containsExactlyInAnyOrder("pipeline-pricing-1", "pipeline-pricing-2");
                    // each its own owner: the agent read who holds the read lock (stacks come later, if at all, in
                    // a run of three seconds among sixteen JVMs)
                    assertThat(f.threads()).allSatisfy(t -> {
                        assertThat(t.ownedBy()).isEqualTo(t.name());
                        assertThat(t.createdAt()).anyMatch(frame -> frame.contains("pipeline.PriceCache.startPricing("));
                    });
                    // the quote read after them queues behind the writers for good: the deadlock's, not a leak
                    assertThat(f.victims()).extracting(t -> t.name()).containsExactly("pipeline-quote");
                });
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context).isEmpty();
            }
            case "mutex-reentry" -> {
                assertThat(run.jvm().output()).as("the JDK's own detection sees nothing")
                        .contains("findDeadlockedThreads: null");
                assertThat(of(findings, FindingType.DEADLOCK)).as(context).singleElement().satisfies(f -> {
                    assertThat(f.summary()).contains("deadlock: thread pipeline-outbox waits",
                            " for Outbox$Mutex@", ", which it holds itself: the lock is not reentrant");
                    assertThat(f.cycle()).containsExactly("pipeline-outbox");
                    assertThat(f.threads()).singleElement().satisfies(t -> {
                        assertThat(t.ownedBy()).isEqualTo("pipeline-outbox");
                        assertThat(t.createdAt()).anyMatch(frame -> frame.contains("pipeline.Outbox.startSending("));
                    });
                });
                assertThat(of(findings, FindingType.LEAKED_THREAD)).as(context).isEmpty();
            }
            case "executor-per-request" -> assertThat(of(findings, FindingType.LEAKED_EXECUTOR)).as(context)
                    .singleElement().satisfies(f -> {
                        assertThat(f.createdAt()).anyMatch(frame -> frame.contains("pipeline.RequestHandler.handle("));
                        assertThat(f.executor()).startsWith("RequestHandler.handle:");
                        assertThat(f.count()).isGreaterThanOrEqualTo(3);
                    });
            case "lock-order" -> {
                assertThat(findings).as(context).singleElement().satisfies(f -> {
                    assertThat(f.type()).isEqualTo(FindingType.POTENTIAL_DEADLOCK);
                    assertThat(f.summary()).contains("Inventory.restock takes Inventory.orders", "Inventory.bill takes Inventory.stock");
                    assertThat(f.lockOrder()).hasSize(2);
                    LockOrderEdge restock = f.lockOrder().stream().filter(e -> e.thread().equals("pipeline-restock"))
                            .findFirst().orElseThrow();
                    assertThat(restock.held()).startsWith("Inventory.stock (java.lang.Object@");
                    assertThat(restock.acquired()).startsWith("Inventory.orders (java.util.concurrent.locks.ReentrantLock@");
                    assertThat(restock.heldAt().get(0)).contains("pipeline.Inventory.restock(Inventory.java:");
                    assertThat(restock.acquiredAt().get(0)).contains("pipeline.Inventory.restock(Inventory.java:");
                    LockOrderEdge billing = f.lockOrder().stream().filter(e -> e.thread().equals("pipeline-billing"))
                            .findFirst().orElseThrow();
                    assertThat(billing.held()).isEqualTo(restock.acquired());
                    assertThat(billing.acquired()).isEqualTo(restock.held());
                    assertThat(billing.acquiredAt().get(0)).contains("pipeline.Inventory.bill(Inventory.java:");
                    assertThat(f.threads()).extracting(t -> t.name())
                            .containsExactlyInAnyOrder("pipeline-restock", "pipeline-billing");
                });
                assertThat(run.jvm().output()).as("printed on the console as it appeared, with both chains")
                        .contains("WARNING POTENTIAL_DEADLOCK: lock-order cycle", "\"pipeline-restock\" took Inventory.stock",
                                "\"pipeline-billing\" took Inventory.orders", "deadlock when they run at once");
            }
            default -> throw new IllegalArgumentException(mode);
        }
    }

    private static List<Finding> of(List<Finding> findings, FindingType type) {
        return findings.stream().filter(f -> f.type() == type).toList();
    }

    private static String key(int jdk, String mode) {
        return "JDK" + jdk + " " + mode;
    }
}
