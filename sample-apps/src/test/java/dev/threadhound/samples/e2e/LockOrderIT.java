package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real code under {@code lockOrder=on} stays correct, on JDK 17 and 25: every class of a real library (Guava, about
 * 2,000 classes, many of them taking locks) is rewritten, verified and initialized as without the agent; the
 * fork-per-class suite on Guava passes with the JUnit check failing any test that closes a lock-order cycle; and the
 * samples not covered by {@link PipelineIT} and {@link PatternsIT} (pipeline contention, own-bytebuddy, the virtual
 * server) report no cycle. The pipeline's own lock-order bug
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

    @Test
    void theOtherSamplesReportNoLockOrderCycle() {
        List<AgentRun> runs = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                runs.add(AgentRun.start(jdk, "lock-order-pipeline-contention", b -> b.jvmArg("-Dthreadhound.lockOrder=on"),
                        "pipeline", "--bug=contention", "--duration=3s"));
                runs.add(AgentRun.start(jdk, "lock-order-own-bytebuddy",
                        b -> b.classpath(Paths.get(System.getProperty("threadhound.app.bytebuddy.jar")))
                                .jvmArg("-Dthreadhound.lockOrder=on"),
                        "own-bytebuddy", "--duration=3s"));
            }
            ChildJvm.Jdk jdk25 = ChildJvm.jdks().get(1);
            runs.add(AgentRun.start(jdk25, "lock-order-virtual-server", b -> b.jvmArg("-Dthreadhound.lockOrder=on"),
                    "virtual-server", "--duration=3s"));
            runs.add(AgentRun.start(jdk25, "lock-order-virtual-server-pinning", b -> b.jvmArg("-Dthreadhound.lockOrder=on"),
                    "virtual-server", "--bug=pinning", "--duration=3s"));
            for (AgentRun run : runs) {
                FindingsReport report = run.awaitReport(Duration.ofSeconds(90));
                assertThat(report.findings()).as(run.context(report))
                        .noneMatch(f -> f.type() == FindingType.POTENTIAL_DEADLOCK);
                assertThat(run.jvm().output()).doesNotContain("lockOrder:");
            }
        } finally {
            runs.forEach(AgentRun::close);
        }
    }
}
