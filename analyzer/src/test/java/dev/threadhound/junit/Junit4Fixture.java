package dev.threadhound.junit;

import org.junit.Assume;
import org.junit.rules.TestRule;
import org.junit.runner.JUnitCore;
import org.junit.runner.Request;
import org.junit.runner.Result;
import org.junit.runners.model.Statement;

/**
 * JUnit 4 fixtures that leak on purpose: they run only through {@link #run} (a plain JUnit 4 runner) or while
 * {@link #running} is set (the Vintage engine); an IDE or surefire that finds one on its own skips it.
 */
final class Junit4Fixture {

    static volatile boolean running;

    private Junit4Fixture() {
    }

    /** A class rule for each fixture: skips it unless a test of ours runs it. */
    static TestRule onlyWhenRun() {
        return (base, description) -> new Statement() {
            @Override
            public void evaluate() throws Throwable {
                Assume.assumeTrue("a fixture that leaks on purpose; run through Junit4Fixture.run", running);
                base.evaluate();
            }
        };
    }

    /** Runs a whole fixture class, or one method of it, with JUnit 4's own runner. */
    static Result run(Class<?> fixture, String... method) {
        Request request = method.length == 0 ? Request.aClass(fixture) : Request.method(fixture, method[0]);
        running = true;
        try {
            return new JUnitCore().run(request);
        } finally {
            running = false;
        }
    }
}
