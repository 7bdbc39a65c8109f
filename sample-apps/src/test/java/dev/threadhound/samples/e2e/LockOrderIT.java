package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real code under {@code lockOrder=on} stays correct, on JDK 17 and 25: every class of a real library (Guava, about
 * 2,000 classes, many of them taking locks) is rewritten, verified and initialized as without the agent; the
 * fork-per-class suite on Guava passes with the JUnit check failing any test that closes a lock-order cycle; and every
 * sample mode {@link PipelineIT} and {@link PatternsIT} do not run reports no cycle. The pipeline's own lock-order bug
 * is {@link PipelineIT}'s.
 */
class LockOrderIT {

    private static final Path LIBS = Paths.get("target").toAbsolutePath();
    private static final Pattern LINKED = Pattern.compile("initialized (\\d+), failed \\{}");
    private static final List<String> SPECS = List.of("CacheSpec", "CollectionsSpec", "HashingSpec", "ConcurrencySpec",
            "TextSpec", "GraphSpec");

    @Test
    void everyClassOfARealLibraryIsRewrittenVerifiedAndInitialized() {
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                jvms.add(ChildJvm.on(jdk).name("lock-order-guava-classes").agent("port=0,jfr=off,lockOrder=on")
                        .classpath(Paths.get("target", "test-classes").toAbsolutePath())
                        .main(ClassLinking.class.getName())
                        .args(LIBS.resolve("bench-libs/guava.jar").toString(), LIBS.resolve("bench-libs/failureaccess.jar").toString())
                        .start());
            }
            for (ChildJvm jvm : jvms) {
                assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.output()).isZero();
                Matcher linked = LINKED.matcher(jvm.output());
                assertThat(linked.find()).as("every class initialized, none failed:\n" + jvm.output()).isTrue();
                assertThat(Integer.parseInt(linked.group(1))).isGreaterThan(1_900);
                assertThat(jvm.output()).as("no class skipped").doesNotContain("lockOrder:").doesNotContain("verify error");
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }

    @Test
    void theGuavaSuitePassesWithTheLeakCheckWatchingLockOrder() {
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                for (String spec : SPECS) {
                    jvms.add(ChildJvm.on(jdk).name("lock-order-suite-" + spec).agent("port=0,lockOrder=on")
                            .jvmArg("-Djunit.jupiter.extensions.autodetection.enabled=true")
                            .classpath(LIBS.resolve("it-libs/junit-console.jar"))
                            .classpath(LIBS.resolve("test-classes"))
                            .classpath(LIBS.resolve("bench-libs/guava.jar"))
                            .classpath(LIBS.resolve("bench-libs/failureaccess.jar"))
                            .classpath(ChildJvm.analyzerJar())
                            .main("org.junit.platform.console.ConsoleLauncher")
                            .args("execute", "--disable-banner", "--details=summary", "--disable-ansi-colors",
                                    "--select-class=dev.threadhound.samples.suite." + spec)
                            .start());
                }
            }
            for (ChildJvm jvm : jvms) {
                assertThat(jvm.awaitExit(Duration.ofSeconds(180))).as(jvm.output()).isZero();
                assertThat(jvm.output()).contains("2 tests successful", "0 tests failed").doesNotContain("lockOrder:");
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }

    /**
     * Every sample mode {@link PipelineIT} and {@link PatternsIT} do not run, with lock order tracked, for a few
     * seconds each: none is a lock-order cycle. What each mode is for is the other end-to-end tests' business.
     */
    @Test
    void theOtherSamplesReportNoLockOrderCycle() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            List<String[]> modes = new ArrayList<>(List.of(
                    new String[] {"pipeline", "contention"}, new String[] {"pipeline", "executor-burst"},
                    new String[] {"pipeline", "dead-consumer"}, new String[] {"pipeline", "polling-wait"},
                    new String[] {"pipeline", "tiny-waits"}, new String[] {"fanout", "timer-per-call"},
                    new String[] {"workerpool", "spin"}, new String[] {"batch", "none"},
                    new String[] {"batch", "never-exits"}, new String[] {"audit", "none"},
                    new String[] {"audit", "events-stop"}, new String[] {"waits", "none"},
                    new String[] {"waits", "all"}, new String[] {"own-bytebuddy", "none"}));
            if (jdk.version() >= 21) {
                modes.add(new String[] {"virtual-server", null});
                modes.add(new String[] {"virtual-server", "pinning"});
            }
            Map<String, AgentRun> runs = new LinkedHashMap<>();
            try {
                for (String[] mode : modes) {
                    String name = "lock-order-" + mode[0] + "-" + (mode[1] == null ? "healthy" : mode[1]);
                    List<String> args = new ArrayList<>(List.of(mode[0], "--duration=3s"));
                    if (mode[1] != null) {
                        args.add("--bug=" + mode[1]);
                    }
                    runs.put(name, AgentRun.start(jdk, name, b -> (mode[0].equals("own-bytebuddy")
                                    ? b.classpath(Paths.get(System.getProperty("threadhound.app.bytebuddy.jar"))) : b)
                                    .jvmArg("-Dthreadhound.lockOrder=on"), args.toArray(String[]::new)));
                }
                runs.forEach((name, run) -> {
                    FindingsReport report = name.endsWith("never-exits")
                            ? run.stopOnceItSays("main returns", Duration.ofSeconds(90))
                            : run.awaitReport(Duration.ofSeconds(90));
                    assertThat(report.findings()).as(jdk + " " + name + ": " + run.context(report))
                            .noneMatch(f -> f.type() == FindingType.POTENTIAL_DEADLOCK);
                    assertThat(run.jvm().output()).as(name).doesNotContain("lockOrder:");
                });
            } finally {
                runs.values().forEach(AgentRun::close);
            }
        }
    }
}
