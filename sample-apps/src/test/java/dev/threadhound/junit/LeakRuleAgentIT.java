package dev.threadhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.runner.Result;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit 4 rule under JUnit 4's own runner in a JVM with the agent attached (failsafe's argLine). */
class LeakRuleAgentIT {

    @AfterEach
    void endWhatFixturesLeaked() throws InterruptedException {
        Leftovers.clear();
    }

    @Test
    void aLeakedThreadIsNamedWithItsCreationSite() {
        Result result = Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "leaksAThread");

        assertThat(result.getFailures()).singleElement().satisfies(f -> assertThat(f.getMessage())
                .startsWith("threadhound: test Fixtures.leaksAThread() left 1 leak")
                .contains("LEAKED_THREAD", "leaky-worker", "created at:", "Junit4Fixtures$Fixtures.leaksAThread")
                .doesNotContain("agent is not attached"));
    }

    @Test
    void anExecutorNeverShutDownIsNamedAsAnExecutorWithWhereItWasCreated() {
        Result result = Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "leavesAnExecutor");

        assertThat(result.getFailures()).singleElement().satisfies(f -> assertThat(f.getMessage())
                .contains("LEAKED_EXECUTOR", "executor junit4-pool", "was never shut down",
                        "Junit4Fixtures$Fixtures.leavesAnExecutor"));
    }

    @Test
    void aCleanTestPasses() {
        assertThat(Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "clean").getFailureCount()).isZero();
    }
}
