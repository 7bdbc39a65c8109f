package dev.threadhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.runner.Result;
import org.junit.runner.notification.Failure;

import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link dev.threadhound.junit4.LeakRule} under JUnit 4's own runner, without the agent. */
class LeakRuleTest {

    @AfterEach
    void endWhatFixturesLeaked() throws InterruptedException {
        Leftovers.clear();
        System.clearProperty("threadhound.junit.ignoreTimedWaiting");
    }

    @Test
    void aLeakingTestFailsWithTheSameMessageAsUnderTheJunit5Extension() {
        Result junit4 = Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "leaksAThread");
        String junit5 = FixtureRun.of(DetectLeaksTest.Fixtures.class, "leaksAThread").failureOf("leaksAThread")
                .map(Throwable::getMessage).orElseThrow();

        assertThat(junit4.getFailureCount()).isEqualTo(1);
        String message = junit4.getFailures().get(0).getMessage();
        assertThat(message).startsWith("threadhound: test Fixtures.leaksAThread() left 1 leak (waited 1000 ms)")
                .contains("LEAKED_THREAD", "leaky-worker", "Leftovers.awaitRelease", "agent is not attached");
        assertThat(shape(message)).isEqualTo(shape(junit5));
    }

    @Test
    void aCleanTestPasses() {
        Result result = Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "clean");

        assertThat(result.getRunCount()).isEqualTo(1);
        assertThat(result.getFailureCount()).isZero();
    }

    @Test
    void theLeakOfATestThatFailedIsAddedToItsFailure() {
        Failure failure = Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "failsAndLeaks").getFailures().get(0);

        assertThat(failure.getMessage()).isEqualTo("the test's own failure");
        assertThat(failure.getException().getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s.getMessage()).contains("failing-leaker"));
    }

    @Test
    void anExecutorNeverShutDownFailsTheTestAtOnceThroughItsIdleWorker() {
        Result result = Junit4Fixture.run(Junit4Fixtures.Fixtures.class, "leavesAnExecutor");

        assertThat(failure(result)).hasValueSatisfying(m -> assertThat(m)
                .contains("junit4-pool", "an idle worker of an executor that was never shut down"));
    }

    @Test
    void optionsAreTheExtensionsOptions() {
        assertThat(Junit4Fixture.run(Junit4Fixtures.WithOptions.class, "leaksAnIgnoredName").getFailureCount()).isZero();
        assertThat(failure(Junit4Fixture.run(Junit4Fixtures.WithOptions.class, "leavesASleeper")))
                .hasValueSatisfying(m -> assertThat(m).contains("junit4-sleeper", "it is sleeping in Thread.sleep",
                        "threadhound.junit.ignoreTimedWaiting=true"));
    }

    @Test
    void theSuiteWideSwitchComesFromASystemProperty() {
        System.setProperty("threadhound.junit.ignoreTimedWaiting", "true");

        assertThat(Junit4Fixture.run(Junit4Fixtures.WithOptions.class, "leavesASleeper").getFailureCount()).isZero();
    }

    @Test
    void asAClassRuleALeakFailsTheClassAfterItsTestsPassed() {
        Result result = Junit4Fixture.run(Junit4Fixtures.ClassScope.class);

        assertThat(result.getRunCount()).isEqualTo(2);
        assertThat(result.getFailures()).singleElement().satisfies(f -> {
            assertThat(f.getDescription().getMethodName()).isNull();
            assertThat(f.getMessage()).startsWith("threadhound: class ClassScope left 1 leak").contains("class-rule-leak");
        });
    }

    private static Optional<String> failure(Result result) {
        return result.getFailures().stream().findFirst().map(Failure::getMessage);
    }

    /** The message with what differs from one run to the next masked: thread ids, identities, lambda classes. */
    private static String shape(String message) {
        return Pattern.compile("#\\d+").matcher(message.replaceAll("@[0-9a-f]+", "@_")
                .replaceAll("\\$\\$Lambda\\$?[0-9]*/0x[0-9a-f]+", "\\$\\$Lambda")).replaceAll("#_");
    }
}
