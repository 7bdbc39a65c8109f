package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a JVM where the application (a test run, say) has the analyzer jar on its class path and the agent attached,
 * the application sees its own analyzer classes and none of the agent's, and the agent still works; and the agent
 * leaves the application's logging alone.
 */
class AgentInvisibleIT {

    @Test
    void theApplicationSeesItsOwnAnalyzerAndNoneOfTheAgent() {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            try (ChildJvm app = ChildJvm.on(jdk).name("class-path-probe").agent("port=0")
                    .classpath(ChildJvm.analyzerJar()).classpath(Path.of("target", "test-classes").toAbsolutePath())
                    .main(ClassPathProbe.class.getName()).start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
                String out = app.output();
                assertThat(out).as(out)
                        .contains("hidden: dev.threadhound.agent.Agent")
                        .contains("hidden: dev.threadhound.agent.track.RecordingProbe")
                        .contains("hidden: dev.threadhound.shaded.org.objectweb.asm.ClassReader")
                        .contains("hidden: dev.threadhound.shaded.io.micrometer.core.instrument.MeterRegistry")
                        .contains("Snapshot from: file:" + ChildJvm.analyzerJar().normalize())
                        .contains("agent running: " + System.getProperty("threadhound.version"))
                        .contains("agent MBean: true");
            }
        }
    }

    /**
     * The agent's metrics library logs through SLF4J when it finds it: with logback on the application's class path
     * it set up the application's logging from the agent's thread, which printed its own start on stdout.
     */
    @Test
    void theAgentNeverSetsUpTheApplicationsLogging() throws Exception {
        Path logback = Path.of(System.getProperty("threadhound.it.libs"), "logback");
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            ChildJvm.Builder builder = ChildJvm.on(jdk).name("logging-untouched")
                    .agent("port=" + PrometheusServer.freePort() + ",interval=250ms")
                    .classpath(Path.of("target", "test-classes").toAbsolutePath())
                    .main(QuietMain.class.getName()).args("5000");
            try (java.util.stream.Stream<Path> jars = java.nio.file.Files.list(logback)) {
                jars.filter(p -> p.toString().endsWith(".jar")).forEach(builder::classpath);
            }
            try (ChildJvm app = builder.start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.output()).isZero();
                assertThat(app.output()).as(app.output()).contains("quiet: done")
                        .doesNotContain("dev.threadhound.shaded").doesNotContain("InternalLoggerFactory");
            }
        }
    }
}
