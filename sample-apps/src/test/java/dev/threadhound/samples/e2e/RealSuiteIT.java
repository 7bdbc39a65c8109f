package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real suite (src/test/java/dev/threadhound/samples/realsuite: Commons Pool, Netty's timer, MySQL Connector/J and the
 * JDK's pools; JUnit 5, and JUnit 4 on the Vintage engine) run by JUnit's console launcher in a JVM of its own with
 * the leak check on for every test. It fails exactly the tests a person reading its code expects to leak: with the
 * agent on JDK 17 and 25, with the agent and {@code threadhound.junit.ignoreTimedWaiting=true}, and without the
 * agent. All four JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealSuiteIT {

    static final List<String> CLASSES = List.of("DriverCases", "EvictorCases", "StragglerCases", "ThreadFactoryCases",
            "TimerWheelCases", "TimerWheelRuleCases", "UncheckedJunit4Cases");

    /** Every class and test the suite has, as the launcher's tree names them. */
    static final Set<String> NODES = Set.of(
            "DriverCases", "DriverCases.findsTheMysqlDriver()", "DriverCases.readsTheDriversVersion()",
            "EvictorCases", "EvictorCases.closesItsPool()", "EvictorCases.leavesItsPoolOpen()",
            "StragglerCases", "StragglerCases.joinsItsSender()", "StragglerCases.sendsAQuickReportInTheBackground()",
            "StragglerCases.sendsAReportInTheBackground()",
            "ThreadFactoryCases", "ThreadFactoryCases.leavesAPoolOfUnnamedThreads()", "ThreadFactoryCases.shutsDownItsPool()",
            "TimerWheelCases", "TimerWheelCases.neverStopsItsTimer()", "TimerWheelCases.stopsItsTimer()",
            "TimerWheelRuleCases", "TimerWheelRuleCases.neverStopsItsTimer", "TimerWheelRuleCases.stopsItsTimer",
            "UncheckedJunit4Cases", "UncheckedJunit4Cases.neverStopsItsTimer");

    private final Map<String, SuiteRun> runs = new LinkedHashMap<>();

    @BeforeAll
    void startTheSuiteInEveryConfiguration() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            runs.put("agent " + jdk, SuiteRun.start(jdk, "real-suite-agent", true, List.of(), CLASSES));
        }
        ChildJvm.Jdk jdk17 = ChildJvm.jdks().get(0);
        runs.put("ignoreTimedWaiting", SuiteRun.start(jdk17, "real-suite-ignore-timed-waiting", true,
                List.of("-Dthreadhound.junit.ignoreTimedWaiting=true"), CLASSES));
        runs.put("no agent", SuiteRun.start(jdk17, "real-suite-no-agent", false, List.of(), CLASSES));
    }

    @AfterAll
    void stopAll() {
        runs.values().forEach(SuiteRun::close);
    }

    /**
     * With the agent: the pool never closed, the timer never stopped (JUnit 5, and JUnit 4 with the rule), the pool of
     * unnamed threads never shut down, and the thread still sleeping fail. The MySQL driver's cleanup thread, started
     * by a static initializer, fails nothing and is said once. The JUnit 4 test without the rule is not checked.
     */
    @Test
    void withTheAgentOnJdk17And25() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            SuiteRun run = finished("agent " + jdk);
            assertThat(failed(run)).as(jdk + ":\n" + run.output()).containsExactly(
                    "EvictorCases.leavesItsPoolOpen()", "StragglerCases.sendsAReportInTheBackground()",
                    "ThreadFactoryCases.leavesAPoolOfUnnamedThreads()", "TimerWheelCases.neverStopsItsTimer()",
                    "TimerWheelRuleCases.neverStopsItsTimer");
            Map<String, String> outcomes = run.outcomes();
            assertThat(outcomes.get("EvictorCases.leavesItsPoolOpen()"))
                    .isEqualTo("X threadhound: test EvictorCases.leavesItsPoolOpen() left 1 leak (waited 1000 ms)");
            assertThat(outcomes.get("TimerWheelRuleCases.neverStopsItsTimer"))
                    .isEqualTo("X threadhound: test TimerWheelRuleCases.neverStopsItsTimer() left 1 leak (waited 1000 ms)");
            assertThat(run.output()).as(jdk + ":\n" + run.output())
                    .contains("LEAKED_EXECUTOR: executor commons-pool-evictor created during the test was never shut down",
                            "at org.apache.commons.pool2.impl.EvictionTimer.schedule(",
                            "LEAKED_EXECUTOR: executor ThreadFactoryCases.leavesAPoolOfUnnamedThreads:18 created during the test",
                            "LEAKED_THREAD: thread report-sender (TIMED_WAITING) started during the test is still alive",
                            "it is sleeping in Thread.sleep called from StragglerCases.sendAfter(StragglerCases.java:",
                            "started at StragglerCases.sendsAReportInTheBackground(StragglerCases.java:",
                            "at io.netty.util.HashedWheelTimer.start(")
                    .containsPattern("LEAKED_THREAD: thread pool-\\d+-thread-1 \\(TIMED_WAITING\\) started during the test")
                    .doesNotContain("executor Thread ", "mysql-cj-abandoned-connection-cleanup", "agent is not attached");
            String said = run.errors();
            assertThat(said.split("threadhound: not a leak of ", -1)).as(jdk + ":\n" + said).hasSize(2);
            assertThat(said).contains("threadhound: not a leak of test DriverCases.findsTheMysqlDriver(): executor "
                    + "mysql-cj-abandoned-connection-cleanup (1 thread) was created by the static initializer of "
                    + "com.mysql.cj.jdbc.AbandonedConnectionCleanupThread, which runs once per JVM")
                    .contains("at dev.threadhound.samples.realsuite.DriverCases.findsTheMysqlDriver(DriverCases.java:");
        }
    }

    /** Threads waiting with a timeout are accepted: the straggler, and the timers that sleep between ticks. */
    @Test
    void withTheAgentAndIgnoreTimedWaiting() {
        SuiteRun run = finished("ignoreTimedWaiting");

        assertThat(failed(run)).as(run.output()).containsExactly(
                "EvictorCases.leavesItsPoolOpen()", "ThreadFactoryCases.leavesAPoolOfUnnamedThreads()");
    }

    /**
     * Without the agent only threads are seen: the driver's cleanup thread fails the test that loaded the driver, and
     * the idle workers of the pools never shut down fail their classes, naming the test that started them.
     */
    @Test
    void withoutTheAgent() {
        SuiteRun run = finished("no agent");

        assertThat(failed(run)).as(run.output()).containsExactly(
                "DriverCases.findsTheMysqlDriver()", "EvictorCases", "StragglerCases.sendsAReportInTheBackground()",
                "ThreadFactoryCases", "TimerWheelCases.neverStopsItsTimer()", "TimerWheelRuleCases.neverStopsItsTimer");
        assertThat(run.output()).contains("thread commons-pool-evictor started during test EvictorCases.leavesItsPoolOpen() "
                        + "is an idle pool worker still alive after the class ended",
                "mysql-cj-abandoned-connection-cleanup", "agent is not attached");
    }

    private SuiteRun finished(String key) {
        SuiteRun run = runs.get(key);
        assertThat(run.awaitExit()).as(key + ": the launcher's exit status (1: some tests failed)\n" + run.output())
                .isEqualTo(1);
        assertThat(run.outcomes().keySet()).as(key + ":\n" + run.output()).containsExactlyInAnyOrderElementsOf(NODES);
        return run;
    }

    private static Set<String> failed(SuiteRun run) {
        Set<String> out = new TreeSet<>();
        run.outcomes().forEach((node, outcome) -> {
            if (!outcome.equals("OK")) {
                out.add(node);
            }
        });
        return out;
    }
}
