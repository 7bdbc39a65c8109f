package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when something is wrong on their side: one clear line, and the application runs on. Each
 * check runs on JDK 17 and 25.
 */
class AgentFailuresIT {

    private static List<String> stderrLines(ChildJvm app) {
        return app.errorOutput().lines().toList();
    }

    private static String both(ChildJvm app) {
        return "stdout:\n" + app.output() + "\nstderr:\n" + app.errorOutput();
    }

    /**
     * With the JVM's default flags (class data sharing on), a healthy application under the agent prints nothing
     * on stderr: no line of the agent's, and no JVM warning about the boot class path, since the bridge is defined
     * in java.base rather than appended to it.
     */
    @Test
    void aHealthyRunUnderTheAgentLeavesStderrEmpty() throws Exception {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            try (ChildJvm app = ChildJvm.on(jdk).name("quiet-stderr").agent("port=" + PrometheusServer.freePort())
                    .stderrApart().args("pipeline", "--duration=2s").start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(both(app)).isZero();
                assertThat(app.errorOutput()).as(both(app)).isEmpty();
                assertThat(app.output()).contains("pipeline: delivered");
            }
        }
    }

    @Test
    void aBadOptionIsOneLineAndTheApplicationRunsNormally() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (String bad : List.of("stuckAfter=abc", "bogus=1")) {
                String key = bad.substring(0, bad.indexOf('='));
                try (ChildJvm app = ChildJvm.on(jdk).name("bad-option-" + key).agent(bad).stderrApart()
                        .args("pipeline", "--duration=1s").start()) {
                    assertThat(app.awaitExit(Duration.ofSeconds(60))).as(both(app)).isZero();
                    // an agent that stays off leaves the JVM untouched
                    assertThat(app.errorOutput().lines().toList()).as(both(app)).singleElement().satisfies(line -> {
                        assertThat(line).startsWith("threadhound: ").contains(key);
                        assertThat(line).contains("allowed: ").endsWith("the agent is off");
                    });
                    assertThat(app.output()).as("the application ran as without the agent")
                            .contains("pipeline: mode=none running for 1000ms", "pipeline: delivered")
                            .doesNotContain("threadhound");
                }
            }
        }
    }

    @Test
    void anUnwritableReportIsOneLineAndTheApplicationRunsNormally() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            try (ChildJvm app = ChildJvm.on(jdk).name("bad-report").agent("report=/proc/nope/findings.json,port=0")
                    .stderrApart().args("pipeline", "--duration=1s").start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(both(app)).isZero();
                assertThat(stderrLines(app)).as(both(app)).singleElement()
                        .asString().startsWith("threadhound: cannot write report to /proc/nope/findings.json");
                assertThat(app.output()).contains("pipeline: mode=none running for 1000ms", "pipeline: delivered");
                assertThat(Path.of("/proc/nope/findings.json")).doesNotExist();
            }
        }
    }

    @Test
    void attachToAProcessThatDoesNotExistIsOneLineAndFails() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            try (ChildJvm attach = ChildJvm.on(jdk).name("attach-nobody")
                    .jvmArg("-jar").jvmArg(ChildJvm.agentJar().toString())
                    .noClasspath().args("attach", "999999999").start()) {
                assertThat(attach.awaitExit(Duration.ofSeconds(60))).isNotZero();
                assertThat(attach.output().strip()).isEqualTo("threadhound: cannot attach to 999999999: no such process");
            }
        }
    }

    @Test
    void attachIntoARunningApplicationFindsItsDeadlock() throws Exception {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            Path report = Files.createDirectories(Path.of("target", "e2e-reports")).resolve("attached-jdk" + jdk.version() + ".json").toAbsolutePath();
            Files.deleteIfExists(report);
            try (ChildJvm app = ChildJvm.on(jdk).name("attach-target").args("pipeline", "--bug=deadlock", "--duration=8s").start()) {
                app.awaitOutput("pipeline: mode=deadlock", Duration.ofSeconds(30));
                try (ChildJvm attach = ChildJvm.on(jdk).name("attach")
                        .jvmArg("-jar").jvmArg(ChildJvm.agentJar().toString()).noClasspath()
                        .args("attach", String.valueOf(app.pid()), "report=" + report + ",interval=250ms,port=0").start()) {
                    assertThat(attach.awaitExit(Duration.ofSeconds(60))).as(attach.output()).isZero();
                    assertThat(attach.output()).contains("threadhound: attached to " + app.pid());
                }
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
                assertThat(Json.readReport(Files.readString(report)).findings())
                        .as(app.output()).anyMatch(f -> f.type() == FindingType.DEADLOCK);
            }
        }
    }
}
