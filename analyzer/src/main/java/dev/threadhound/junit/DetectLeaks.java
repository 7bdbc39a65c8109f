package dev.threadhound.junit;

import dev.threadhound.finding.FindingType;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails a test that leaves behind threads it started, tasks it submitted that never finished, executors it created
 * and never shut down, or a deadlock among its threads. Threads alive before the test are never blamed.
 *
 * <p>After the test (also when it failed) the check waits up to {@link #lingerMillis()} for new threads to end,
 * then names each leaked thread with its stack and, when the threadhound agent is attached, where it was created.
 * Without the agent only threads are seen. The annotation on a method wins over the one on its class; with
 * {@code junit.jupiter.extensions.autodetection.enabled=true} every test is checked with the defaults (see
 * {@code docs/junit.md} for the configuration parameters).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DetectLeaksExtension.class)
public @interface DetectLeaks {

    /** How long to wait, with backoff, for threads started by the test to end; -1 takes the configured default (1 s). */
    long lingerMillis() default -1;

    /** Regular expressions; a thread whose whole name matches one is never reported. */
    String[] ignoreThreadNames() default {};

    /** {@code class.method} prefixes; a thread whose top frame starts with one is never reported. */
    String[] ignoreTopFrames() default {};

    /**
     * {@code class.method} prefixes; a thread, executor or task created or submitted from a site with a frame that
     * starts with one is never reported. Needs the agent: without it creation sites are unknown.
     */
    String[] ignoreCreatedAt() default {};

    /**
     * {@code true}: threads that wait with a timeout ({@code TIMED_WAITING}, e.g. in {@code Thread.sleep}) may end by
     * themselves and are not leaks, nor are tasks whose thread waits so; {@code false} leaves the suite's setting
     * ({@code threadhound.junit.ignoreTimedWaiting}, default false). A loop that sleeps forever then passes too.
     */
    boolean ignoreTimedWaiting() default false;

    /**
     * The finding types that fail the test. {@code THREAD_PILE_UP}: many threads from one site left behind;
     * {@code THREAD_DIED}: a thread the test started ended by an uncaught exception (needs the agent).
     */
    FindingType[] failOn() default {FindingType.DEADLOCK, FindingType.LEAKED_THREAD, FindingType.LEAKED_TASK,
            FindingType.LEAKED_EXECUTOR, FindingType.THREAD_PILE_UP, FindingType.THREAD_DIED};

    /** Check each test on its own, or the class as a whole (baseline before {@code @BeforeAll}, check after {@code @AfterAll}). */
    Scope scope() default Scope.TEST;

    /** What one check covers. */
    enum Scope { TEST, CLASS }
}
