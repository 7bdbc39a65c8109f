package dev.threadhound.samples.e2e;

import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rewritten-class cache ({@code classCache}) as a fork-per-class build meets it, on JDK 17 and 25: the first
 * JVM rewrites the JDK classes with ASM and keeps them; the next one takes them from the cache without loading a
 * class of ASM, and its hooks work as well (an abandoned fan-in's tasks are found with where they were submitted,
 * which only the pool hooks know).
 */
class ClassCacheIT {

    private static final String ASM = "dev.threadhound.shaded.org.objectweb.asm.";

    @TempDir
    Path temp;

    @Test
    void theSecondJvmTakesTheJdkClassesFromTheCacheAndItsHooksWork() throws IOException {
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            Path cache = Files.createDirectory(temp.resolve("cache-" + jdk.version()));

            Path firstLog = temp.resolve("first-" + jdk.version() + ".log");
            run(jdk, cache, firstLog, "first");
            assertThat(Files.readString(firstLog)).as("the first JVM rewrites with ASM").contains(ASM);
            File[] builds = cache.toFile().listFiles(File::isDirectory);
            assertThat(builds).as("one directory for the agent's build").hasSize(1);
            assertThat(builds[0].list()).as("Thread, the pools and the executor service kept")
                    .hasSizeGreaterThanOrEqualTo(5).anyMatch(f -> f.startsWith("java.lang.Thread-"));

            Path secondLog = temp.resolve("second-" + jdk.version() + ".log");
            FindingsReport second = run(jdk, cache, secondLog, "second");
            assertThat(Files.readString(secondLog)).as("the second JVM loads no class of ASM").doesNotContain(ASM)
                    .contains("dev.threadhound.agent.instrument.RewrittenClassCache");
            assertThat(second.findings()).filteredOn(f -> f.type() == FindingType.LEAKED_TASK).singleElement()
                    .satisfies(f -> assertThat(f.submittedAt())
                            .anyMatch(frame -> frame.contains("fanout.FirstResponseWins.query(")));
        }
    }

    private static FindingsReport run(ChildJvm.Jdk jdk, Path cache, Path classLog, String which) {
        try (AgentRun run = AgentRun.start(jdk, "class-cache-" + which,
                b -> b.jvmArg("-Dthreadhound.classCache=" + cache).jvmArg("-Xlog:class+load:file=" + classLog),
                "fanout", "--bug=abandoned-results", "--duration=7s")) {
            return run.awaitReport(Duration.ofSeconds(90));
        }
    }
}
