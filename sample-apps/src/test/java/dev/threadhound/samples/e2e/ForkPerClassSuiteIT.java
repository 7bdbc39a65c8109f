package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fork-per-class test suite under the agent, as a build that forks one JVM per test class runs it: the six
 * {@code dev.threadhound.samples.suite} classes, each in a JVM of its own through the JUnit console launcher, with the
 * leak check auto-detected and a real library (Guava) on the class path, 12 JVMs with the agent ({@code port=0}) and
 * 12 without, alternating ({@code -Dthreadhound.suite.runs=30} for the README's figure). Every run must pass, with
 * and without the agent. It prints the suite's wall time both ways and their ratio (README "Performance"); no time is
 * asserted.
 */
class ForkPerClassSuiteIT {

    private static final List<String> SPECS = List.of("CacheSpec", "CollectionsSpec", "HashingSpec", "ConcurrencySpec",
            "TextSpec", "GraphSpec");
    private static final int RUNS = Integer.getInteger("threadhound.suite.runs", 12);
    /** The agent's options in the forks ({@code -Dthreadhound.suite.agentOptions=port=0,jfr=off} to compare). */
    private static final String AGENT_OPTIONS = System.getProperty("threadhound.suite.agentOptions", "port=0");

    @Test
    void theSuitePassesUnderTheAgentAndPrintsWhatTheAgentAdds() {
        ChildJvm.Jdk jdk = ChildJvm.jdks().get(0);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String spec = SPECS.get(i % SPECS.size());
            boolean agentFirst = i % 2 == 1;
            for (boolean agent : agentFirst ? List.of(true, false) : List.of(false, true)) {
                (agent ? with : without).add(run(jdk, spec, agent, i));
            }
        }
        double total = sum(without);
        double totalWith = sum(with);
        System.out.printf(Locale.ROOT, "fork-per-class suite (%s, %d JVMs each way): %.1f s without the agent, %.1f s with"
                        + " (%s); ratio %.3f (target <= 1.08); median JVM %.0f ms without, %.0f ms with%n",
                jdk, RUNS, total / 1000, totalWith / 1000, AGENT_OPTIONS, totalWith / total, median(without), median(with));
    }

    /** One test class in a JVM of its own; its wall time in milliseconds. */
    private static double run(ChildJvm.Jdk jdk, String spec, boolean agent, int index) {
        Path libs = Paths.get("target").toAbsolutePath();
        ChildJvm.Builder builder = ChildJvm.on(jdk).name("suite-" + spec + "-" + index + (agent ? "-agent" : ""))
                .jvmArg("-Djunit.jupiter.extensions.autodetection.enabled=true")
                .classpath(libs.resolve("it-libs/junit-console.jar"))
                .classpath(libs.resolve("test-classes"))
                .classpath(libs.resolve("bench-libs/guava.jar"))
                .classpath(libs.resolve("bench-libs/failureaccess.jar"))
                .classpath(ChildJvm.analyzerJar())
                .main("org.junit.platform.console.ConsoleLauncher")
                .args("execute", "--disable-banner", "--details=summary", "--disable-ansi-colors",
                        "--select-class=dev.threadhound.samples.suite." + spec);
        if (agent) {
            builder.agent(AGENT_OPTIONS);
        }
        long start = System.nanoTime();
        try (ChildJvm jvm = builder.start()) {
            int exit = jvm.awaitExit(Duration.ofSeconds(120));
            double millis = (System.nanoTime() - start) / 1e6;
            assertThat(exit).as(spec + (agent ? " with" : " without") + " the agent:\n" + jvm.output()).isZero();
            assertThat(jvm.output()).contains("2 tests successful", "0 tests failed");
            return millis;
        }
    }

    private static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
