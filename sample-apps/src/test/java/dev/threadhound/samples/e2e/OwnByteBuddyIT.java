package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An application with its own, older ByteBuddy: it keeps using its own, and the agent still finds the deadlock. */
class OwnByteBuddyIT {

    private static final Path APP_BYTEBUDDY = Paths.get(System.getProperty("threadhound.app.bytebuddy.jar"));

    @Test
    void theApplicationsByteBuddyAndTheAgentsDoNotMeet() throws Exception {
        assertThat(APP_BYTEBUDDY).isRegularFile();
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            Path report = Files.createDirectories(Path.of("target", "e2e-reports"))
                    .resolve("own-bytebuddy-jdk" + jdk.version() + ".json").toAbsolutePath();
            Files.deleteIfExists(report);
            try (ChildJvm app = ChildJvm.on(jdk).name("own-bytebuddy")
                    .agent("report=" + report + ",stuckAfter=2s,interval=250ms,port=0")
                    .classpath(APP_BYTEBUDDY)
                    .args("own-bytebuddy", "--bug=deadlock", "--duration=4s").start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
                assertThat(app.output()).contains("own-bytebuddy: made ")
                        .contains("with ByteBuddy from file:" + APP_BYTEBUDDY);
                assertThat(Json.readReport(Files.readString(report)).findings())
                        .as(app.output()).anyMatch(f -> f.type() == FindingType.DEADLOCK);
            }
        }
    }
}
