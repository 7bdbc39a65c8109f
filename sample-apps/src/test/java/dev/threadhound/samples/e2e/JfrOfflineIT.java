package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline analyzer on evidence taken from real JVMs with the JDK's own tools, on JDK 17 and 25: a JFR recording
 * made with jcmd JFR.start / JFR.dump names the same locks as the live agent, and thread dumps of a deadlock
 * (jcmd Thread.print; on JDK 21+ also Thread.dump_to_file -format=json) yield the DEADLOCK with both threads.
 */
class JfrOfflineIT {

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> aRecordingTakenWithJcmdNamesTheLocksTheLiveAgentNamed() {
        return ChildJvm.jdks().stream().map(jdk -> DynamicTest.dynamicTest(jdk.toString(), () -> {
            Path report = dir.resolve("live-" + jdk.version() + ".json");
            Path recording = dir.resolve("recording-" + jdk.version() + ".jfr");
            try (ChildJvm app = ChildJvm.on(jdk).agent("port=0,report=" + report).name("jfr-offline")
                    .args("pipeline", "--bug=contention", "--duration=20s").start()) {
                awaitAttachable(jdk, app);
                Command.jcmdToFile(jdk, app.pid(), recording, "JFR.start", "name=threadhound-it");
                sleep(Duration.ofSeconds(10));
                Command.jcmdToFile(jdk, app.pid(), recording, "JFR.dump", "name=threadhound-it", "filename=" + recording);
                assertThat(app.awaitExit(Duration.ofSeconds(90))).as(app.output()).isZero();
                app.awaitFile(report, Duration.ofSeconds(5));
            }
            Command analyzed = Command.analyzer(jdk, "analyze", recording.toString(), "--json");
            assertThat(analyzed.status()).as(analyzed.err()).isEqualTo(1);

            List<JsonNode> offline = Findings.ofType(analyzed.out(), "CONTENTION");
            List<JsonNode> live = Findings.ofType(report, "CONTENTION");
            assertThat(offline).isNotEmpty();
            List<String> liveLocks = live.stream().map(Findings::lockAt).toList();
            // Findings are ordered by total wait: the first is the hottest lock.
            assertThat(liveLocks).contains(Findings.lockAt(offline.get(0)));
            assertThat(offline.stream().map(Findings::lockAt)).contains(liveLocks.get(0));
            assertThat(offline.stream().map(Findings::lockAt))
                    .anyMatch(l -> l.contains("HotMonitor."))
                    .anyMatch(l -> l.startsWith("java.util.concurrent.locks.ReentrantLock @ ") && l.contains("HotLock."));
        }));
    }

    @TestFactory
    Stream<DynamicTest> threadDumpsOfTheDeadlockYieldTheDeadlockWithBothThreads() {
        return ChildJvm.jdks().stream().map(jdk -> DynamicTest.dynamicTest(jdk.toString(), () -> {
            try (ChildJvm app = ChildJvm.on(jdk).name("deadlock-dumps").args("pipeline", "--bug=deadlock", "--duration=60s").start()) {
                awaitAttachable(jdk, app);
                Path text = dir.resolve("threads-" + jdk.version() + ".txt");
                JsonNode fromText = awaitDeadlock(() -> {
                    Command c = Command.jcmd(jdk, app.pid(), "Thread.print", "-l");
                    write(text, c.out());
                    return Command.analyzer(jdk, "analyze", text.toString(), "--json");
                });
                assertBothThreads(fromText);

                if (jdk.version() >= 21) {
                    Path json = dir.resolve("threads-" + jdk.version() + ".json");
                    JsonNode fromJson = awaitDeadlock(() -> {
                        uncheckedDelete(json);
                        Command.jcmdToFile(jdk, app.pid(), json, "Thread.dump_to_file", "-format=json", json.toString());
                        return Command.analyzer(jdk, "analyze", json.toString(), "--json");
                    });
                    assertBothThreads(fromJson);
                    assertThat(fromJson.path("cycle")).isEqualTo(fromText.path("cycle"));
                }
            }
        }));
    }

    private static void assertBothThreads(JsonNode deadlock) {
        assertThat(deadlock.path("cycle")).hasSize(2);
        assertThat(deadlock.path("threads")).hasSize(2);
        for (JsonNode t : deadlock.path("threads")) {
            assertThat(t.path("blockedOn").asText()).isNotEmpty();
            assertThat(t.path("ownedBy").asText()).isIn(deadlock.path("cycle").get(0).asText(), deadlock.path("cycle").get(1).asText());
            assertThat(t.path("stack")).isNotEmpty();
        }
    }

    /** Dumps until the deadlock has formed (the workload needs a moment to walk into it). */
    private static JsonNode awaitDeadlock(Supplier<Command> analyze) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Command last = null;
        while (System.nanoTime() < deadline) {
            last = analyze.get();
            List<JsonNode> deadlocks = Findings.ofType(last.out(), "DEADLOCK");
            if (last.status() == 1 && !deadlocks.isEmpty()) {
                return deadlocks.get(0);
            }
            sleep(Duration.ofSeconds(1));
        }
        throw new AssertionError("no DEADLOCK found offline; last analysis: " + (last == null ? "none" : last.out() + last.err()));
    }

    /** jcmd answers once the JVM's attach listener is up; before that a signal could stop a starting JVM. */
    private static void awaitAttachable(ChildJvm.Jdk jdk, ChildJvm app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        sleep(Duration.ofSeconds(2));
        while (System.nanoTime() < deadline && app.alive()) {
            if (Command.jcmd(jdk, app.pid(), "VM.version").status() == 0) {
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new AssertionError("jcmd could not attach to " + app.pid() + ":\n" + app.output());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void uncheckedDelete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
