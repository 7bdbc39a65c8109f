package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live agent's JFR stream, end to end: a real JVM under the real agent jar, on JDK 17 and 25.
 * Contention on a monitor and on a ReentrantLock is reported under the sample's own class and method; pinned
 * virtual threads are reported where the JDK pins (virtual threads exist from JDK 21; JDK 24+ pins only in class
 * initializers and native frames, which the virtual-server sample uses).
 */
class ContentionIT {

    private static final String VIRTUAL_SERVER = "dev.threadhound.samples.virtualserver.VirtualServer";

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> contentionOnTheMonitorAndTheReentrantLockIsNamedBySampleClassAndMethod() {
        return ChildJvm.jdks().stream().map(jdk -> DynamicTest.dynamicTest(jdk.toString(), () -> {
            Path report = dir.resolve("contention-" + jdk.version() + ".json");
            try (ChildJvm app = ChildJvm.on(jdk).agent("port=0,report=" + report).name("contention")
                    .args("pipeline", "--bug=contention", "--duration=15s").start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isZero();
                app.awaitFile(report, Duration.ofSeconds(5));
            }
            List<JsonNode> contention = Findings.ofType(report, "CONTENTION");

            assertThat(contention).as("CONTENTION findings in %s", report).anySatisfy(f -> {
                assertThat(f.path("site").path(0).asText()).contains("HotMonitor.");
                assertThat(f.path("durationMs").asLong()).isGreaterThanOrEqualTo(500);
                assertThat(f.path("count").asInt()).isPositive();
                assertThat(f.path("threadCount").asInt()).isGreaterThanOrEqualTo(2);
            });
            assertThat(contention).anySatisfy(f -> {
                assertThat(f.path("lock").asText()).isEqualTo("java.util.concurrent.locks.ReentrantLock");
                assertThat(f.path("site").path(0).asText()).contains("HotLock.");
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> pinnedVirtualThreadsAreReportedWhereTheJdkPins() {
        return ChildJvm.jdks().stream().map(jdk -> DynamicTest.dynamicTest(jdk.toString(), () -> {
            Path report = dir.resolve("pinning-" + jdk.version() + ".json");
            try (ChildJvm app = ChildJvm.on(jdk).agent("port=0,report=" + report).name("pinning")
                    .main(VIRTUAL_SERVER).args("--bug=pinning", "--seconds=8").start()) {
                int status = app.awaitExit(Duration.ofSeconds(60));
                if (jdk.version() < 21) {
                    // No virtual threads before JDK 21: the workload says so and refuses to run.
                    assertThat(status).isEqualTo(2);
                    assertThat(app.output()).contains("virtual-server needs JDK 21+ (virtual threads); this is JDK " + jdk.version());
                    return;
                }
                assertThat(status).as(app.output()).isZero();
                app.awaitFile(report, Duration.ofSeconds(5));
            }
            List<JsonNode> pinned = Findings.ofType(report, "PINNED_VIRTUAL_THREAD");

            // JDK 24+ no longer pins in synchronized; a class initializer pins on every JDK with virtual threads.
            assertThat(pinned).as("PINNED_VIRTUAL_THREAD findings in %s", report).anySatisfy(f -> {
                assertThat(f.path("site").toString()).contains("TenantTemplate.<clinit>");
                assertThat(f.path("count").asInt()).isPositive();
                assertThat(f.path("durationMs").asLong()).isPositive();
            });
            if (jdk.version() >= 24) {
                assertThat(pinned).noneSatisfy(f -> assertThat(f.path("site").toString()).contains("PinningHandler.refreshCache"));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> withJfrOffOneLineSaysSoAndTheAppRunsOn() {
        return ChildJvm.jdks().stream().map(jdk -> DynamicTest.dynamicTest(jdk.toString(), () -> {
            Path report = dir.resolve("jfr-off-" + jdk.version() + ".json");
            try (ChildJvm app = ChildJvm.on(jdk).agent("port=0,jfr=off,report=" + report).name("jfr-off")
                    .args("pipeline", "--bug=contention", "--duration=4s").start()) {
                assertThat(app.awaitExit(Duration.ofSeconds(60))).isZero();
                assertThat(app.output().lines().filter(l -> l.startsWith("threadhound: jfr=off"))).hasSize(1);
                app.awaitFile(report, Duration.ofSeconds(5));
            }
            // no timed waits without JFR: what CONTENTION there is comes from the sampled thread states
            assertThat(Findings.ofType(report, "CONTENTION"))
                    .allSatisfy(f -> assertThat(f.path("summary").asText()).contains(" found waiting for "));
        }));
    }
}
