package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What virtual threads wait on, under the real agent on JDK 25 (virtual threads need 21): two requests of the
 * virtual-thread server deadlocked on two {@code ReentrantLock}s, or on two monitors, are one {@code DEADLOCK} (the
 * JDK's {@code ThreadMXBean} sees neither lock nor owner of a virtual thread), the requests piling up behind them its
 * victims; a healthy server whose session thread joins a new future every 0.2-1 s, whose access log's writer is
 * woken in {@code take()} twenty times a second, and whose request statistics are summed by a thread woken in
 * {@code Object.wait()} as often, is never reported, though each is found waiting at the same line on the same object
 * at every look; and a writer nobody wakes any more is, with the caller of {@code close()} joining
 * it; and a request that never returns is, with the server's {@code close()} of its virtual-thread-per-task executor
 * waiting for it; and a statistics thread in {@code Object.wait()} that a {@code close()} forgot to notify is, with
 * the caller of {@code close()} joining it; and a test that leaks a virtual thread is named at its own start of it, though an earlier test started the same
 * class of work a dozen times elsewhere; and virtual threads taking turns at a monitor and at a {@code StampedLock}
 * are not. The eight JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualThreadsIT {

    private static final String FINDING_LINE = "threadhound: (CRITICAL|WARNING|INFO) [A-Z_]+: .*";

    /**
     * For the runs that must stay quiet while the server serves: the access log and the statistics thread are woken
     * by the first request only, which a JVM among eight starting at once on two cores served 2.7 s late once; their
     * waits otherwise never last a second.
     */
    private static final String WHILE_SERVING = "stuckAfter=5s,interval=250ms,port=0";

    private final Map<String, AgentRun> deadlocks = new LinkedHashMap<>();
    private AgentRun healthy;
    private AgentRun stuckClose;
    private AgentRun hungRequest;
    private AgentRun stuckStats;
    private SuiteRun suite;
    private AgentRun monitorTurns;
    private AgentRun keepAlive;

    @BeforeAll
    void startAll() {
        ChildJvm.Jdk jdk25 = ChildJvm.jdks().stream().filter(j -> j.version() >= 21).findFirst().orElseThrow();
        for (String bug : List.of("deadlock", "monitor-deadlock")) {
            deadlocks.put(bug, AgentRun.start(jdk25, "virtual-server-" + bug, "virtual-server", "--bug=" + bug, "--seconds=10"));
        }
        healthy = AgentRun.startDetecting(jdk25, "virtual-server-healthy", WHILE_SERVING, "virtual-server", "--seconds=12");
        stuckClose = AgentRun.startDetecting(jdk25, "virtual-server-stuck-close", WHILE_SERVING, "virtual-server",
                "--bug=stuck-close", "--seconds=8");
        hungRequest = AgentRun.start(jdk25, "virtual-server-hung-request", "virtual-server", "--bug=hung-request", "--seconds=6");
        stuckStats = AgentRun.startDetecting(jdk25, "virtual-server-stuck-stats", WHILE_SERVING, "virtual-server",
                "--bug=stuck-stats", "--seconds=6");
        suite = SuiteRun.start(jdk25, "virtual-start-cases", true, List.of(), List.of("VirtualStartCases"));
        monitorTurns = AgentRun.start(jdk25, "monitor-turns", b -> b.classpath(Path.of("target", "test-classes")
                .toAbsolutePath()).main(MonitorTurns.class.getName()));
        keepAlive = AgentRun.start(jdk25, "keep-alive-connections", b -> b.classpath(Path.of("target",
                "test-classes").toAbsolutePath()).main(KeepAliveConnections.class.getName()));
    }

    @AfterAll
    void stopAll() {
        deadlocks.values().forEach(AgentRun::close);
        healthy.close();
        stuckClose.close();
        hungRequest.close();
        stuckStats.close();
        suite.close();
        monitorTurns.close();
        keepAlive.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deadlock", "monitor-deadlock"})
    void virtualThreadsDeadlockedOnTwoLocksAreOneDeadlockWithTheRequestsBehindItAsVictims(String bug) {
        AgentRun deadlock = deadlocks.get(bug);
        FindingsReport report = deadlock.awaitReport(Duration.ofSeconds(120));
        String context = deadlock.context(report);
        String lock = bug.equals("deadlock") ? "java.util.concurrent.locks.ReentrantLock$" : "dev.threadhound.samples.virtualserver.TransferHandler$Account@";
        String method = bug.equals("deadlock") ? "transfer" : "transferSynchronized";
        List<Finding> deadlocks = report.findings().stream().filter(f -> f.type() == FindingType.DEADLOCK).toList();
        assertThat(deadlocks).as(context).singleElement().satisfies(f -> {
            assertThat(f.cycle()).hasSize(2).allMatch(name -> name.startsWith("#"));
            assertThat(f.threads()).hasSize(2).allSatisfy(t -> {
                assertThat(t.virtual()).isTrue();
                assertThat(t.blockedOn()).startsWith(lock);
                assertThat(t.ownedBy()).startsWith("#");
                assertThat(t.stack()).anyMatch(frame -> frame.contains("virtualserver.TransferHandler." + method + "("));
            });
            assertThat(f.summary()).contains(" waits at TransferHandler." + method + "(TransferHandler.java:");
            assertThat(f.victims()).as("requests arrive every 50 ms for 10 s").hasSizeGreaterThan(20)
                    .allSatisfy(t -> assertThat(t.virtual()).isTrue());
        });
        assertThat(report.findings()).as("the requests behind it are its victims only: %s", context)
                .noneMatch(f -> f.type() == FindingType.LEAKED_THREAD || f.type() == FindingType.CONTENTION);
    }

    @Test
    void aSessionJoiningANewFutureEachTimeAndConsumersWokenAtTheSameLineAreNeverReported() {
        FindingsReport report = healthy.awaitReport(Duration.ofSeconds(120));
        String context = healthy.context(report);
        assertThat(healthy.jvm().output()).as(context).contains("virtual-server: stopped after")
                .as("the statistics thread summed the requests: it was woken in Object.wait()")
                .containsPattern("a request took [1-9][0-9.]* ms on average");
        assertThat(report.findings()).as(context).isEmpty();
        assertThat(healthy.jvm().output().lines().filter(l -> l.matches(FINDING_LINE)))
                .as("no finding ever appeared: %s", context).isEmpty();
    }

    @Test
    void aWriterNobodyWakesAnyMoreIsLeakedAndTheCallerOfCloseWaitsForIt() {
        FindingsReport report = stuckClose.stopOnceItSays("LEAKED_THREAD: virtual thread access-log", Duration.ofSeconds(120));
        String context = stuckClose.context(report);
        String output = stuckClose.jvm().output();
        assertThat(output).as(context).contains("virtual-server: closing the access log")
                .doesNotContain("access log closed");
        assertThat(output.substring(0, output.indexOf("virtual-server: closing the access log")))
                .as("woken twenty times a second while the server served: %s", context)
                .doesNotContain("LEAKED_THREAD");
        assertThat(report.findings()).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_THREAD).singleElement()
                .satisfies(f -> {
                    assertThat(f.threads()).singleElement().satisfies(t -> {
                        assertThat(t.name()).isEqualTo("access-log");
                        assertThat(t.virtual()).isTrue();
                    });
                    assertThat(f.summary()).contains("in LinkedBlockingQueue.take at AccessLog.write(AccessLog.java:",
                            "started at AccessLog.<init>(AccessLog.java:",
                            "; main waits for it in Thread.join at AccessLog.close(AccessLog.java:");
                    assertThat(f.victims()).as("the caller of close()").isNotNull()
                            .anyMatch(v -> v.name().equals("main"));
                });
    }

    @Test
    void aRequestThatNeverReturnsIsLeakedAndTheCloseOfItsExecutorWaitsForIt() throws InterruptedException {
        hungRequest.jvm().awaitOutput("virtual-server: closing the request executor", Duration.ofSeconds(120));
        // a few cycles (250 ms apart) with main waiting in close()
        Thread.sleep(2_000);
        FindingsReport report = hungRequest.stopOnceItSays("virtual-server: closing the request executor",
                Duration.ofSeconds(10));
        String context = hungRequest.context(report);
        assertThat(hungRequest.jvm().output()).as(context).doesNotContain("virtual-server: stopped after");
        assertThat(report.findings()).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_THREAD).singleElement()
                .satisfies(f -> {
                    assertThat(f.threads()).singleElement().satisfies(t -> assertThat(t.virtual()).isTrue());
                    // the eleventh request: its start was not captured, the site learned from the first eight's
                    assertThat(f.summary()).contains(
                            "in CountDownLatch.await at HungRequestHandler.awaitConfirmation(HungRequestHandler.java:",
                            "started at VirtualServer.serve(VirtualServer.java:",
                            "; main waits for it in ThreadPerTaskExecutor.close at VirtualServer.serve(VirtualServer.java:");
                    assertThat(f.victims()).as("the caller of close()").isNotNull()
                            .anyMatch(v -> v.name().equals("main"));
                });
    }

    @Test
    void aStatisticsThreadNobodyNotifiesIsLeakedAndTheCallerOfCloseWaitsForIt() {
        FindingsReport report = stuckStats.stopOnceItSays("LEAKED_THREAD: virtual thread request-stats",
                Duration.ofSeconds(120));
        String context = stuckStats.context(report);
        String output = stuckStats.jvm().output();
        assertThat(output).as(context).contains("virtual-server: closing the request statistics")
                .doesNotContain("a request took");
        assertThat(output.substring(0, output.indexOf("virtual-server: closing the request statistics")))
                .as("woken by each request while the server served: %s", context)
                .doesNotContain("LEAKED_THREAD: virtual thread request-stats");
        assertThat(report.findings()).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_THREAD)
                .filteredOn(f -> f.threads().stream().anyMatch(t -> t.name().equals("request-stats"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.threads()).singleElement().satisfies(t -> assertThat(t.virtual()).isTrue());
                    assertThat(f.summary()).contains("in Object.wait at RequestStats.sum(RequestStats.java:",
                            "started at RequestStats.<init>(RequestStats.java:",
                            "; main waits for it in Thread.join at RequestStats.close(RequestStats.java:");
                    assertThat(f.victims()).as("the caller of close()").isNotNull()
                            .anyMatch(v -> v.name().equals("main"));
                });
    }

    /**
     * The agent stops capturing the starts of a class of work once it has learned where they are (README, Known
     * limits); the leak check of each test learns anew, or the leak would be named at the first test's starts.
     */
    @Test
    void aVirtualThreadLeakedByATestIsNamedAtThatTestsStartOfIt() {
        assertThat(suite.awaitExit()).as("one test fails: %s", suite.output()).isEqualTo(1);
        assertThat(suite.outcomes()).as(suite.output())
                .containsEntry("VirtualStartCases.joinsItsWorkers()", "OK")
                .hasEntrySatisfying("VirtualStartCases.leavesAWorkerWaiting()", o -> assertThat(o).startsWith("X "));
        String output = suite.output();
        assertThat(output).containsPattern("LEAKED_THREAD: virtual thread #\\d+ \\(WAITING\\) started during the test");
        String createdAt = output.substring(output.indexOf("created at:", output.indexOf("LEAKED_THREAD: virtual thread")));
        assertThat(createdAt.substring(0, createdAt.indexOf("frames of the test framework")))
                .contains("VirtualStartCases.leavesAWorkerWaiting(VirtualStartCases.java:")
                .doesNotContain("joinsItsWorkers");
    }

    @Test
    void virtualThreadsTakingTurnsAtAMonitorOrAStampedLockAreNeverReported() {
        // holding a lock 200-300 ms at a time while another waits for it is contention, told as such
        assertNothingBut(FindingType.CONTENTION, monitorTurns, "monitor-turns: ", "entries; done");
    }

    /** The run ended as {@code done} says, and no finding but one of type {@code told} appeared at any time. */
    private static void assertNothingBut(FindingType told, AgentRun run, String... done) {
        FindingsReport report = run.awaitReport(Duration.ofSeconds(120));
        String context = run.context(report);
        assertThat(run.jvm().output()).as(context).contains(done);
        assertThat(report.findings()).as(context).filteredOn(f -> f.type() != told).isEmpty();
        assertThat(run.jvm().output().lines().filter(l -> l.matches(FINDING_LINE))
                .filter(l -> !l.contains(" " + told + ": "))).as("no finding ever appeared: %s", context).isEmpty();
    }

    /**
     * A keep-alive connection's virtual thread, read in its socket read (no blocker, no wait count) and its stack
     * taken a moment later in the handler's sleep of the next request, kept that stack for every later look in the
     * read: {@code LEAKED_THREAD: virtual thread connection waiting for 2s in Thread.sleep} in 3 of 3 runs of the
     * build before (a healthy Helidon 4 server under load showed it first), and in 8 of 8 with four such JVMs at once.
     * Such a thread parked on nothing is judged only by its stack.
     */
    @Test
    void connectionsServedByVirtualThreadsThatWaitForEachRequestAreNeverReported() {
        // forty threads doing I/O on a crowded machine can keep both carriers busy for seconds: told as such
        assertNothingBut(FindingType.POOL_SATURATED, keepAlive, "keep-alive-connections: ", "requests served; done");
    }
}
