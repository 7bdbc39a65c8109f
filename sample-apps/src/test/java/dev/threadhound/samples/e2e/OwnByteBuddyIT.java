package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An application with its own, older ByteBuddy: it keeps using its own, and the agent still finds the deadlock. */
class OwnByteBuddyIT {

    private static final Path APP_BYTEBUDDY = Paths.get(System.getProperty("threadhound.app.bytebuddy.jar"));

    @Test
    void theApplicationsByteBuddyAndTheAgentsDoNotMeet() {
        assertThat(APP_BYTEBUDDY).isRegularFile();
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            try (AgentRun run = AgentRun.start(jdk, "own-bytebuddy", b -> b.classpath(APP_BYTEBUDDY),
                    "own-bytebuddy", "--bug=deadlock", "--duration=4s")) {
                FindingsReport report = run.awaitReport(Duration.ofSeconds(60));
                assertThat(run.jvm().output()).contains("own-bytebuddy: made ")
                        .contains("with ByteBuddy from file:" + APP_BYTEBUDDY);
                assertThat(report.findings()).as(run.context(report)).anyMatch(f -> f.type() == FindingType.DEADLOCK);
            }
        }
    }
}
