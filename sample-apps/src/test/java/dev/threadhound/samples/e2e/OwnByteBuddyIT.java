package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An application with its own, older ByteBuddy: it keeps using its own, and the agent still finds the deadlock. */
class OwnByteBuddyIT {

    private static final Path APP_BYTEBUDDY = Paths.get(System.getProperty("threadhound.app.bytebuddy.jar"));
    /** The version sample-apps/pom.xml copies as the application's ByteBuddy; the agent carries a newer one. */
    private static final String APP_BYTEBUDDY_VERSION = "1.14.12";

    @Test
    void theApplicationsByteBuddyAndTheAgentsDoNotMeet() {
        assertThat(APP_BYTEBUDDY).isRegularFile();
        List<AgentRun> runs = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                runs.add(AgentRun.start(jdk, "own-bytebuddy", b -> b.classpath(APP_BYTEBUDDY),
                        "own-bytebuddy", "--bug=deadlock", "--duration=4s"));
            }
            for (AgentRun run : runs) {
                FindingsReport report = run.awaitReport(Duration.ofSeconds(60));
                assertThat(run.jvm().output()).contains("own-bytebuddy: made ")
                        .contains("with ByteBuddy from file:" + APP_BYTEBUDDY)
                        .contains("ByteBuddy version: " + APP_BYTEBUDDY_VERSION + "\n");
                assertThat(report.findings()).as(run.context(report)).anyMatch(f -> f.type() == FindingType.DEADLOCK);
            }
        } finally {
            runs.forEach(AgentRun::close);
        }
    }
}
