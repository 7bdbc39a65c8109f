package dev.threadhound.junit;

import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.util.List;
import java.util.Optional;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/** Runs a {@link Fixture} class through the Jupiter engine and reads what happened to it. */
final class FixtureRun {

    private final EngineExecutionResults results;

    private FixtureRun(EngineExecutionResults results) {
        this.results = results;
    }

    static FixtureRun of(Class<?> fixture) {
        return new FixtureRun(kit().selectors(selectClass(fixture)).execute());
    }

    static FixtureRun of(Class<?> fixture, String method) {
        return new FixtureRun(kit().selectors(selectMethod(fixture, method)).execute());
    }

    /** With one configuration parameter set, as {@code junit-platform.properties} would. */
    static FixtureRun of(Class<?> fixture, String method, String key, String value) {
        return new FixtureRun(kit().configurationParameter(key, value).selectors(selectMethod(fixture, method)).execute());
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

    /** The failure of the test whose method is named so, with suppressed failures folded in. */
    Optional<Throwable> failureOf(String method) {
        return results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .findFirst().flatMap(FixtureRun::throwable);
    }

    /** Failures reported on the class itself (class-scope checks run after {@code @AfterAll}). */
    List<Throwable> containerFailures() {
        return results.containerEvents().failed().stream().map(FixtureRun::throwable)
                .flatMap(Optional::stream).toList();
    }

    /** The failure message plus the messages of suppressed failures: a leak found after a failed test is suppressed. */
    static String text(Throwable t) {
        StringBuilder out = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable s : t.getSuppressed()) {
            out.append('\n').append(s.getMessage());
        }
        return out.toString();
    }

    private static Optional<Throwable> throwable(Event e) {
        return e.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(r -> r.getThrowable());
    }
}
