package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What virtual threads wait on, under the real agent on JDK 25 (virtual threads need 21): two requests of the
 * virtual-thread server deadlocked on two {@code ReentrantLock}s are one {@code DEADLOCK} (the JDK's
 * {@code ThreadMXBean} sees neither lock nor owner of a virtual thread), the requests piling up behind them its
 * victims; and a healthy server whose session thread joins a new future every 0.2-1 s is never reported, though it is
 * found waiting at the same line at every look. Both JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VirtualThreadsIT {

    private static final String FINDING_LINE = "threadhound: (CRITICAL|WARNING|INFO) [A-Z_]+: .*";

    private AgentRun deadlock;
    private AgentRun healthy;

    @BeforeAll
    void startBoth() {
        ChildJvm.Jdk jdk25 = ChildJvm.jdks().stream().filter(j -> j.version() >= 21).findFirst().orElseThrow();
        deadlock = AgentRun.start(jdk25, "virtual-server-deadlock", "virtual-server", "--bug=deadlock", "--seconds=10");
        healthy = AgentRun.start(jdk25, "virtual-server-healthy", "virtual-server", "--seconds=12");
    }

    @AfterAll
    void stopBoth() {
        deadlock.close();
        healthy.close();
    }

    @Test
    void virtualThreadsDeadlockedOnTwoReentrantLocksAreOneDeadlockWithTheRequestsBehindItAsVictims() {
        FindingsReport report = deadlock.awaitReport(Duration.ofSeconds(120));
        String context = deadlock.context(report);
        List<Finding> deadlocks = report.findings().stream().filter(f -> f.type() == FindingType.DEADLOCK).toList();
        assertThat(deadlocks).as(context).singleElement().satisfies(f -> {
            assertThat(f.cycle()).hasSize(2).allMatch(name -> name.startsWith("#"));
            assertThat(f.threads()).hasSize(2).allSatisfy(t -> {
                assertThat(t.virtual()).isTrue();
                assertThat(t.blockedOn()).startsWith("java.util.concurrent.locks.ReentrantLock$");
                assertThat(t.ownedBy()).startsWith("#");
                assertThat(t.stack()).anyMatch(frame -> frame.contains("virtualserver.TransferHandler.transfer("));
            });
            assertThat(f.summary()).contains(" waits at TransferHandler.transfer(TransferHandler.java:");
            assertThat(f.victims()).as("requests arrive every 50 ms for 10 s").hasSizeGreaterThan(20)
                    .allSatisfy(t -> assertThat(t.virtual()).isTrue());
        });
        assertThat(report.findings()).as("the requests behind it are its victims only: %s", context)
                .noneMatch(f -> f.type() == FindingType.LEAKED_THREAD || f.type() == FindingType.CONTENTION);
    }

    @Test
    void aSessionJoiningANewFutureEachTimeIsNeverReported() {
        FindingsReport report = healthy.awaitReport(Duration.ofSeconds(120));
        String context = healthy.context(report);
        assertThat(healthy.jvm().output()).as(context).contains("virtual-server: stopped after");
        assertThat(report.findings()).as(context).isEmpty();
        assertThat(healthy.jvm().output().lines().filter(l -> l.matches(FINDING_LINE)))
                .as("no finding ever appeared: %s", context).isEmpty();
    }
}
