package dev.threadhound.samples.junit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** Runs a {@link Fixture} through the Jupiter engine, in this JVM (the one the agent is attached to). */
final class FixtureRun {

    private final EngineExecutionResults results;

    private FixtureRun(EngineExecutionResults results) {
        this.results = results;
    }

    static FixtureRun of(Class<?> fixture, String method) {
        return new FixtureRun(kit().selectors(selectMethod(fixture, method)).execute());
    }

    static FixtureRun parallel(Class<?> fixture) {
        return new FixtureRun(kit()
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(fixture)).execute());
    }

    private static EngineTestKit.Builder kit() {
        return EngineTestKit.engine("junit-jupiter").configurationParameter(Fixture.PARAMETER, "true");
    }

    long succeeded() {
        return results.testEvents().succeeded().count();
    }

    long failed() {
        return results.testEvents().failed().count();
    }

    Optional<String> failureOf(String method) {
        return results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .findFirst().flatMap(FixtureRun::message);
    }

    private static Optional<String> message(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(t -> {
            StringBuilder out = new StringBuilder(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                out.append('\n').append(s.getMessage());
            }
            return out.toString();
        });
    }
}
