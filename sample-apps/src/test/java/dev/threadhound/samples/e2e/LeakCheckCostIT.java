package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the leak check costs a test that leaks nothing: the suite's {@code CleanCases} (160 tests that use Commons
 * Pool, Netty's timer and a JDK pool and end what they start) run by the console launcher on JDK 17 with the check
 * off and on, with and without the agent, one JVM after the other. Prints the mean time per test of each and the
 * difference; asserts only that every test passes and that none waited for the linger (30 s here), which a clean
 * test must never do.
 */
class LeakCheckCostIT {

    private static final String LINGER = "threadhound.junit.linger=30s";

    record Config(String name, boolean agent, List<String> config) {
    }

    @Test
    void aCleanTestPaysForTheCheckButNeverForTheLinger() {
        ChildJvm.Jdk jdk = ChildJvm.jdks().get(0);
        List<Config> configs = List.of(
                new Config("no agent, check off", false, List.of("threadhound.junit.enabled=false")),
                new Config("no agent, check on", false, List.of(LINGER)),
                new Config("agent, check off", true, List.of("threadhound.junit.enabled=false")),
                new Config("agent, check on", true, List.of(LINGER)));
        List<String> lines = new ArrayList<>();
        double[] means = new double[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            Config c = configs.get(i);
            try (SuiteRun run = SuiteRun.start(jdk, "clean-cases-" + i, c.agent(), c.config(), List.of("CleanCases"))) {
                assertThat(run.awaitExit()).as(c.name() + ":\n" + run.output()).isZero();
                List<Double> times = run.times("CleanCases");
                assertThat(times).as(c.name()).hasSize(160);
                assertThat(times).as(c.name() + ": seconds per test, with a linger of 30 s").allMatch(t -> t < 15);
                means[i] = times.stream().mapToDouble(Double::doubleValue).average().orElseThrow() * 1000;
                lines.add(String.format(Locale.ROOT, "  %-22s %7.2f ms/test", c.name(), means[i]));
            }
        }
        System.out.println("Leak check cost, " + jdk + ", 160 clean tests (CleanCases), mean per test:");
        lines.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "  the check adds %.2f ms/test without the agent, %.2f ms/test with it%n",
                means[1] - means[0], means[3] - means[2]);
    }

    /**
     * An agent that stayed off (a bad option) registers no MBean: the check waits for it once, up to 10 s, then
     * checks threads only, without waiting again in every test.
     */
    @Test
    void anAgentThatStayedOffCostsOneWaitNotOnePerTest() {
        ChildJvm.Jdk jdk = ChildJvm.jdks().get(0);
        try (SuiteRun run = SuiteRun.start(jdk, "clean-cases-agent-off", "port=notaport", List.of(),
                List.of("CleanCases"))) {
            assertThat(run.awaitExit()).as(run.output()).isZero();
            List<Double> times = run.times("CleanCases");
            assertThat(times).hasSize(160);
            assertThat(times.stream().filter(t -> t >= 5)).as("tests that took 5 s or more").hasSizeLessThanOrEqualTo(1);
        }
    }
}
