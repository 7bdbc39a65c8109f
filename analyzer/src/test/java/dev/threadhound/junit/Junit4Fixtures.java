package dev.threadhound.junit;

import dev.threadhound.junit4.LeakRule;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.junit.rules.TestRule;

import java.time.Duration;
import java.util.concurrent.Executors;

/** JUnit 4 test classes that leak on purpose, with the rule on each test, on the class, or not at all. */
final class Junit4Fixtures {

    private Junit4Fixtures() {
    }

    /** Named like the JUnit 5 fixture class, so that the two checks name their tests alike. */
    public static class Fixtures {

        @ClassRule
        public static final TestRule ONLY_WHEN_RUN = Junit4Fixture.onlyWhenRun();

        @Rule
        public final LeakRule leaks = new LeakRule();

        @Test
        public void leaksAThread() {
            Leftovers.park("leaky-worker");
        }

        @Test
        public void clean() throws InterruptedException {
            Thread t = new Thread(() -> { }, "joined");
            t.start();
            t.join();
        }

        @Test
        public void failsAndLeaks() {
            Leftovers.park("failing-leaker");
            throw new AssertionError("the test's own failure");
        }

        @Test
        public void leavesAnExecutor() {
            Leftovers.keep(Executors.newFixedThreadPool(1, r -> new Thread(r, "junit4-pool"))).execute(() -> { });
        }
    }

    public static class WithOptions {

        @ClassRule
        public static final TestRule ONLY_WHEN_RUN = Junit4Fixture.onlyWhenRun();

        @Rule
        public final LeakRule leaks = new LeakRule(dev.threadhound.junit.LeakOptions.fromSystemProperties()
                .linger(Duration.ofMillis(200)).ignoreThreadNames("ignored-.*"));

        @Test
        public void leaksAnIgnoredName() {
            Leftovers.park("ignored-by-name");
        }

        @Test
        public void leavesASleeper() {
            Leftovers.start("junit4-sleeper", () -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    public static class ClassScope {

        @ClassRule
        public static final RuleChain RULES = RuleChain.outerRule(Junit4Fixture.onlyWhenRun())
                .around(new LeakRule(LeakOptions.defaults().linger(Duration.ofMillis(200))));

        @Test
        public void leaks() {
            Leftovers.park("class-rule-leak");
        }

        @Test
        public void clean() {
        }
    }

    /** No rule: on the Vintage engine the auto-detected JUnit 5 extension does not see these tests. */
    public static class Unchecked {

        @ClassRule
        public static final TestRule ONLY_WHEN_RUN = Junit4Fixture.onlyWhenRun();

        @Test
        public void leaksAThread() {
            Leftovers.park("unchecked-leak");
        }
    }
}
