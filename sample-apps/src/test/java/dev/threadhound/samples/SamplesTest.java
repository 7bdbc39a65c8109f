package dev.threadhound.samples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user of {@code java -jar threadhound-samples.jar} sees: help, one clear line on a mistake, exit codes. */
class SamplesTest {

    private static final List<String> PIPELINE_BUGS =
            List.of("none", "leak", "deadlock", "starvation", "executor-per-request", "executor-burst", "contention",
                    "dead-consumer", "polling-wait", "tiny-waits", "lock-order", "lock-upgrade");

    /** Exit status and what went to stdout and stderr. */
    private record Outcome(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static synchronized Outcome run(String... args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int status = Samples.run(args);
            return new Outcome(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void helpListsEveryWorkloadAndThePipelinesBugModes() throws Exception {
        Outcome help = run("--help");
        assertThat(help.status()).isZero();
        for (Workload w : Samples.WORKLOADS) {
            assertThat(help.out()).contains(w.name() + ":");
        }
        for (String bug : PIPELINE_BUGS) {
            assertThat(help.out()).contains("--bug=" + bug);
        }
    }

    @Test
    void anUnknownWorkloadIsOneLineNamingTheWorkloadsAndExitTwo() throws Exception {
        Outcome outcome = run("nope");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).singleElement().asString()
                .contains("'nope'").contains("pipeline", "own-bytebuddy");
    }

    @Test
    void anUnknownBugModeIsOneLineNamingTheModesAndExitTwo() throws Exception {
        Outcome outcome = run("pipeline", "--bug=nope");
        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.errLines()).singleElement().asString()
                .startsWith("pipeline: unknown --bug 'nope'; allowed: ").contains(PIPELINE_BUGS);
        assertThat(outcome.out()).isEmpty();
    }

    @Test
    void anUnknownArgumentOrBadDurationIsOneLineAndExitTwo() throws Exception {
        Outcome unknown = run("pipeline", "--fast");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.errLines()).singleElement().asString()
                .startsWith("pipeline: unknown argument '--fast'; allowed: --duration=");

        Outcome badDuration = run("pipeline", "--duration=soon");
        assertThat(badDuration.status()).isEqualTo(2);
        assertThat(badDuration.errLines()).singleElement().asString()
                .startsWith("pipeline: bad --duration 'soon'; allowed: ");
    }

    @Test
    void theHealthyPipelineDeliversAndLeavesNoThreadBehind() throws Exception {
        Outcome outcome = run("pipeline", "--duration=400ms");
        assertThat(outcome.status()).isZero();
        assertThat(outcome.out()).startsWith("pipeline: mode=none running for 400ms").contains("pipeline: delivered ");
        assertThat(outcome.out()).doesNotContain("delivered 0 items");
        assertThat(outcome.err()).isEmpty();
        // a pool reports termination once its workers have left their loop; a worker may still be leaving its thread
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (pipelineThreadAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("pipeline-"));
    }

    private static boolean pipelineThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("pipeline-"));
    }
}
