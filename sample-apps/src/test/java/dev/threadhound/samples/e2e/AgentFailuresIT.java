package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when something is wrong on their side: one clear line, and the application runs on. Each
 * check runs on JDK 17 and 25.
 */
class AgentFailuresIT {

    /** Lines the agent itself printed. */
    private static List<String> agentLines(String output) {
        return Arrays.stream(output.split("\\R")).filter(l -> l.startsWith("threadhound:")).toList();
    }

    @Test
    void aBadOptionIsOneLineAndTheApplicationRunsNormally() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (String bad : List.of("stuckAfter=abc", "bogus=1")) {
                try (ChildJvm app = ChildJvm.on(jdk).name("bad-option").agent(bad)
                        .args("pipeline", "--duration=1s").start()) {
                    assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
                    assertThat(agentLines(app.output())).as(app.output()).singleElement().satisfies(line -> {
                        assertThat(line).contains(bad.substring(0, bad.indexOf('=')));
                        assertThat(line).contains("allowed").endsWith("the agent is off");
                    });
                    assertThat(app.output()).contains("pipeline: delivered");
                }
            }
        }
    }

    @Test
    void anUnwritableReportIsOneLineAndTheApplicationRunsNormally() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            try (ChildJvm app = ChildJvm.on(jdk).name("bad-report").agent("report=/proc/nope/findings.json,port=0")
                    .args("pipeline", "--duration=1s").start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
                assertThat(agentLines(app.output())).as(app.output()).singleElement()
                        .asString().contains("cannot write report to /proc/nope/findings.json");
                assertThat(app.output()).contains("pipeline: delivered");
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
