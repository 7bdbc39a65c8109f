package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof by heap reachability with the real agent jar, on JDK 17 and 25: the {@code waits} sample's lost hand-off is
 * proven, the pending reply and the rare-event consumer are reachable from static fields and say so; the same
 * answer on demand ({@code attach <pid> prove}) and offline ({@code analyze heap.hprof} of a {@code jcmd} dump); a
 * deadlock stays as it was; and with {@code prove} off the heap reader is never loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProveIT {

    private static final String OPTIONS = "stuckAfter=2s,interval=250ms,port=0,prove=on";

    private final Map<String, Run> runs = new LinkedHashMap<>();

    /**
     * A JVM of this test and the report file its agent writes at exit. The samples run far longer than the test
     * needs and are stopped (SIGTERM, so the agent's exit hook writes the report) once the test has seen what it
     * waits for: a cold JVM's first proof takes seconds here, and much longer on a busy machine.
     */
    private record Run(ChildJvm jvm, Path report, Path classLog) {
        FindingsReport stopAndReadReport() throws IOException {
            jvm.close();
            assertThat(report).as(jvm.output()).isNotEmptyFile();
            return Json.readReport(Files.readString(report));
        }
    }

    static List<ChildJvm.Jdk> jdks() {
        return ChildJvm.jdks();
    }

    @BeforeAll
    void startAll() throws IOException {
        Path reports = Files.createDirectories(Path.of("target", "e2e-reports").toAbsolutePath());
        for (ChildJvm.Jdk jdk : jdks()) {
            runs.put("waits" + jdk.version(), start(jdk, reports, "prove-waits", OPTIONS, false,
                    "waits", "--bug=all", "--duration=10m"));
            runs.put("deadlock" + jdk.version(), start(jdk, reports, "prove-deadlock", OPTIONS, false,
                    "pipeline", "--bug=deadlock", "--duration=10m"));
            runs.put("off" + jdk.version(), start(jdk, reports, "prove-off", "stuckAfter=2s,interval=250ms,port=0", true,
                    "waits", "--bug=lost-handoff", "--duration=10m"));
        }
    }

    private static Run start(ChildJvm.Jdk jdk, Path reports, String name, String options, boolean logClasses,
                             String... args) throws IOException {
        Path report = reports.resolve(name + "-jdk" + jdk.version() + ".json");
        Files.deleteIfExists(report);
        Path classLog = reports.resolve(name + "-jdk" + jdk.version() + "-classes.log");
        Files.deleteIfExists(classLog);
        ChildJvm.Builder builder = ChildJvm.on(jdk).name(name).agent("report=" + report + "," + options).args(args);
        if (logClasses) {
            builder.jvmArg("-Xlog:class+load=info:file=" + classLog);
        }
        return new Run(builder.start(), report, classLog);
    }

    @AfterAll
    void stopAll() {
        runs.values().forEach(r -> r.jvm().close());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void provesTheLostHandOffAndNamesWhatKeepsTheOthersWakeable(ChildJvm.Jdk jdk) throws Exception {
        Run run = runs.get("waits" + jdk.version());
        String proof = awaitProof(run, "handoff-consumer");
        // A proof decides the candidates of the cycle that ran it: the three usually appear in one cycle, but on a busy
        // machine one may come a cycle later, and the next proof is a minute away. Whichever this proof did not
        // decide, the proof on demand and the report below do.
        assertThat(proof).contains("thread handoff-consumer can never be woken: nothing that can still run reaches the"
                + " SynchronousQueue$");
        if (proof.contains("thread reply-waiter")) {
            assertThat(proof).contains("thread reply-waiter can still be woken: Completions.PENDING -> ConcurrentHashMap.table -> ");
        }
        if (proof.contains("thread audit-writer")) {
            assertThat(proof).contains("thread audit-writer can still be woken: RareEvents.AUDIT -> LinkedBlockingQueue.notEmpty ->"
                    + " AbstractQueuedSynchronizer$ConditionObject");
        }

        // on demand, whatever the interval (the rare-event consumer may be between two waits, so not asserted here)
        Command attach = Command.run(Duration.ofSeconds(300), List.of(jdk.java().toString(), "-jar",
                ChildJvm.agentJar().toString(), "attach", Long.toString(run.jvm().pid()), "prove"));
        assertThat(attach.status()).as(attach.out() + attach.err()).isZero();
        assertThat(attach.out())
                .contains("CRITICAL LEAKED_THREAD: thread handoff-consumer")
                .contains("kept by: Completions.PENDING -> ConcurrentHashMap.table -> ");

        offlineAnalysisOfAJcmdHeapDump(jdk, run);

        FindingsReport report = run.stopAndReadReport();
        String context = Json.write(report) + "\n" + run.jvm().output();
        assertThat(leaksOf(report, "handoff-consumer")).as(context).singleElement().satisfies(f -> {
            assertThat(f.proven()).isTrue();
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.keptBy()).isNull();
            assertThat(f.summary()).contains("in SynchronousQueue.take at HandOff.lambda$lose$")
                    .endsWith("so nothing can ever wake it");
        });
        assertThat(leaksOf(report, "reply-waiter")).as(context).singleElement().satisfies(f -> {
            assertThat(f.proven()).isFalse();
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.keptBy()).first().isEqualTo("Completions.PENDING");
            assertThat(f.keptBy()).last().isEqualTo("CompletableFuture$Signaller");
            assertThat(f.summary()).endsWith("; not proven: still reachable from Completions.PENDING");
        });
        // Whether the rare-event consumer is reported at all is the learned-waits rule's to say; a proof never
        // makes it a proven leak: its queue is reachable from a static field.
        assertThat(leaksOf(report, "audit-writer")).as(context).allSatisfy(f -> {
            assertThat(f.proven()).isNotEqualTo(Boolean.TRUE);
            if (f.keptBy() != null) {
                assertThat(f.keptBy()).first().isEqualTo("RareEvents.AUDIT");
            }
        });
    }

    /** {@code analyze heap.hprof} of a {@code jcmd GC.heap_dump} of the same JVM proves the same. */
    private static void offlineAnalysisOfAJcmdHeapDump(ChildJvm.Jdk jdk, Run run) throws IOException {
        Path dump = Files.createDirectories(Path.of("target", "e2e-reports").toAbsolutePath())
                .resolve("prove-waits-jdk" + jdk.version() + ".hprof");
        Files.deleteIfExists(dump);
        Command jcmd = Command.run(Duration.ofSeconds(180), List.of(jdk.home().resolve("bin/jcmd").toString(),
                Long.toString(run.jvm().pid()), "GC.heap_dump", dump.toString()));
        assertThat(jcmd.status()).as(jcmd.out() + jcmd.err()).isZero();

        Command analyze = Command.run(Duration.ofSeconds(300), List.of(jdk.java().toString(), "-jar",
                ChildJvm.analyzerJar().toString(), "analyze", dump.toString(), "--json"));
        Files.deleteIfExists(dump);

        assertThat(analyze.status()).as(analyze.out() + analyze.err()).isEqualTo(1);
        List<JsonNode> leaks = Findings.ofType(analyze.out(), "LEAKED_THREAD");
        assertThat(leaks).as(analyze.out()).singleElement().satisfies(f -> {
            assertThat(f.path("proven").asBoolean()).isTrue();
            assertThat(f.path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(f.path("threads").path(0).path("name").asText()).isEqualTo("handoff-consumer");
            assertThat(f.path("summary").asText()).contains("can never be woken");
        });
        assertThat(analyze.err()).contains("only leaks proven by heap reachability are reported")
                .containsPattern("\\d+ waiting application threads? checked, 1 proven, [2-9]\\d* still reachable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aDeadlockIsReportedAsBefore(ChildJvm.Jdk jdk) throws Exception {
        Run run = runs.get("deadlock" + jdk.version());
        // A deadlocked thread belongs to its DEADLOCK finding alone, so it is no leak candidate and no proof runs;
        // the cycles after the finding show that nothing else changes it.
        run.jvm().awaitOutput("CRITICAL DEADLOCK", Duration.ofSeconds(100));
        Thread.sleep(3_000);
        FindingsReport report = run.stopAndReadReport();
        String context = Json.write(report) + "\n" + run.jvm().output();

        assertThat(report.findings().stream().filter(f -> f.type() == FindingType.DEADLOCK)).as(context)
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.cycle()).containsExactlyInAnyOrder("ledger-transfer-a-to-b", "ledger-transfer-b-to-a");
                    assertThat(f.proven()).isNull();
                    assertThat(f.keptBy()).isNull();
                });
        assertThat(leaksOf(report, "ledger-transfer-a-to-b")).as(context).isEmpty();
        assertThat(run.jvm().output()).as("no proof of a deadlock").doesNotContain("threadhound: prove: heap dump of ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void withProveOffTheHeapReaderIsNeverLoaded(ChildJvm.Jdk jdk) throws Exception {
        Run run = runs.get("off" + jdk.version());
        run.jvm().awaitOutput("LEAKED_THREAD: thread handoff-consumer", Duration.ofSeconds(100));
        FindingsReport report = run.stopAndReadReport();

        assertThat(leaksOf(report, "handoff-consumer")).as("still reported, not proven").singleElement()
                .satisfies(f -> assertThat(f.proven()).isNull());
        List<String> loaded = Files.readAllLines(run.classLog());
        assertThat(loaded).as("class loading was logged").anyMatch(l -> l.contains("dev.threadhound.agent.loop.DetectionLoop"));
        assertThat(loaded).noneMatch(l -> l.contains("dev.threadhound.shaded.shark.") || l.contains("dev.threadhound.shaded.kotlin.")
                || l.contains("dev.threadhound.shaded.okio."));
    }

    /** The JVM's output once its first automatic proof is done: a cold JVM on a busy machine takes a while. */
    /** The line of the first automatic proof that decided {@code thread} (the next proof comes a minute after one). */
    private static String awaitProof(Run run, String thread) {
        Predicate<String> decided = l -> l.startsWith("threadhound: prove: heap dump of ")
                && l.contains("thread " + thread + " ");
        String output = run.jvm().await(out -> out.lines().anyMatch(decided), "an automatic proof of " + thread,
                Duration.ofSeconds(240));
        return output.lines().filter(decided).findFirst().orElseThrow();
    }

    private static List<Finding> leaksOf(FindingsReport report, String thread) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : report.findings()) {
            if ((f.type() == FindingType.LEAKED_THREAD || f.type() == FindingType.LEAKED_TASK)
                    && f.threads().stream().map(FindingThread::name).anyMatch(thread::equals)) {
                out.add(f);
            }
        }
        return out;
    }
}
