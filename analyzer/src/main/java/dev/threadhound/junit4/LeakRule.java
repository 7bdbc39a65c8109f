package dev.threadhound.junit4;

import dev.threadhound.junit.LeakCheck;
import dev.threadhound.junit.LeakOptions;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * Fails a JUnit 4 test that leaves behind threads it started, tasks it submitted that never finished, executors it
 * created and never shut down, or a deadlock among its threads: the JUnit 5 {@code @DetectLeaks} check, with the
 * same options and messages.
 * <pre>{@code
 * @Rule public LeakRule leaks = new LeakRule();                 // each test
 * @ClassRule public static LeakRule classLeaks = new LeakRule(); // the class, from before @BeforeClass to after @AfterClass
 * @Rule public LeakRule leaks = new LeakRule(LeakOptions.fromSystemProperties().linger(Duration.ofSeconds(3)));
 * }</pre>
 * {@code new LeakRule()} takes the suite's {@code threadhound.junit.*} system properties. When the test itself
 * failed, a leak is added to its failure as a suppressed error.
 *
 * <p>JUnit 4 tells a rule nothing about the class around a test, so without the agent an idle worker of a pool
 * that a test grew fails that test at once, even when the pool was set up in {@code @BeforeClass} (the agent knows
 * the pool is older than the test; the JUnit 5 extension waits for the class to end instead).
 */
public final class LeakRule implements TestRule {

    private final LeakOptions options;

    /** The defaults, with the suite's {@code threadhound.junit.*} system properties on top. */
    public LeakRule() {
        this(LeakOptions.fromSystemProperties());
    }

    public LeakRule(LeakOptions options) {
        this.options = options;
    }

    @Override
    public Statement apply(Statement base, Description description) {
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                LeakCheck check = LeakCheck.start(subject(description), description.getTestClass(), options);
                Throwable failure = null;
                try {
                    base.evaluate();
                } catch (Throwable t) {
                    failure = t;
                }
                try {
                    check.verifyNone();
                } catch (AssertionError leak) {
                    if (failure == null) {
                        throw leak;
                    }
                    failure.addSuppressed(leak);
                }
                if (failure != null) {
                    throw failure;
                }
            }
        };
    }

    /** Named as the JUnit 5 extension names them: {@code test FooTest.bar()}, {@code class FooTest}. */
    private static String subject(Description description) {
        Class<?> testClass = description.getTestClass();
        String className = testClass != null ? testClass.getSimpleName() : description.getClassName();
        String method = description.getMethodName();
        if (method == null) {
            return "class " + className;
        }
        return "test " + className + "." + method + (method.contains("[") ? "" : "()");
    }
}
