package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped analyzer jar as a user runs it ({@code java -jar threadhound-analyzer.jar}): help, exit status, and
 * one clear line on stderr for each input it cannot use.
 */
class AnalyzeCliIT {

    private static final ChildJvm.Jdk JDK = ChildJvm.jdks().get(0);
    static final String ALLOWED = "a JFR recording (.jfr), a jcmd Thread.dump_to_file -format=json dump,"
            + " a jstack / jcmd Thread.print text dump, or a heap dump (.hprof)";

    @TempDir
    static Path dir;

    private static Path recording;
    private static Path heapDump;

    /** A real recording of a real JVM: a sample's help, run under -XX:StartFlightRecording. */
    @BeforeAll
    static void record() {
        recording = dir.resolve("help.jfr");
        Command c = Command.run(Duration.ofSeconds(60), List.of(JDK.java().toString(),
                "-XX:StartFlightRecording=filename=" + recording, "-cp", ChildJvm.samplesJar().toString(),
                "dev.threadhound.samples.virtualserver.VirtualServer", "--help"));
        assertThat(recording).as(c.out() + c.err()).isNotEmptyFile();
        heapDump = dir.resolve("waits.hprof");
        try (ChildJvm app = ChildJvm.on(JDK).name("analyze-cli-heap").args("waits", "--bug=lost-handoff", "--duration=2m").start()) {
            app.awaitOutput("handoff-producer failed", Duration.ofSeconds(60));
            Command dump = Command.run(Duration.ofSeconds(120), List.of(JDK.home().resolve("bin/jcmd").toString(),
                    Long.toString(app.pid()), "GC.heap_dump", heapDump.toString()));
            assertThat(heapDump).as(dump.out() + dump.err()).isNotEmptyFile();
        }
    }

    @Test
    void aHeapDumpIsReadAndItsProvenLeakReported() {
        Command c = Command.run(Duration.ofSeconds(300), List.of(JDK.java().toString(), "-jar",
                ChildJvm.analyzerJar().toString(), "analyze", heapDump.toString()));

        assertThat(c.status()).as(c.out() + c.err()).isEqualTo(1);
        assertThat(c.out()).startsWith(heapDump + ": ")
                .contains("CRITICAL LEAKED_THREAD: thread handoff-consumer waiting in SynchronousQueue.take at HandOff.lambda$lose$")
                .contains("can never be woken")
                .contains("note: a heap dump shows no durations, so only leaks proven by heap reachability are reported");
        assertThat(c.err()).isEmpty();
    }

    @Test
    void aTruncatedHeapDumpExitsTwo() throws Exception {
        byte[] whole = Files.readAllBytes(heapDump);
        Path cut = Files.write(dir.resolve("cut.hprof"), Arrays.copyOf(whole, whole.length / 2));

        assertUnusable(Command.analyzer(JDK, "analyze", cut.toString()), cut, "is a truncated or damaged heap dump (");
    }

    @Test
    void aHeapDumpWithADamagedBodyExitsTwo() throws Exception {
        byte[] bad = Arrays.copyOf(Files.readAllBytes(heapDump), 64 * 1024);
        for (int i = 40; i < bad.length; i++) {
            bad[i] = (byte) (i * 31);
        }
        Path damaged = Files.write(dir.resolve("damaged.hprof"), bad);

        assertUnusable(Command.analyzer(JDK, "analyze", damaged.toString()), damaged, "is a truncated or damaged heap dump (");
    }

    @Test
    void aFileNamedHprofThatIsNoHeapDumpExitsTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("heap.hprof"), "not a heap dump\n");

        assertUnusable(Command.analyzer(JDK, "analyze", text.toString()), text, "is not a thread dump, JFR recording or heap dump");
    }

    @Test
    void helpExplainsEveryInputWithAnExample() {
        Command c = Command.analyzer(JDK, "--help");

        assertThat(c.status()).isZero();
        assertThat(c.out()).contains("analyze <file> [--json] [--stuck-after 30s]",
                "jcmd <pid> JFR.start", "jcmd <pid> Thread.dump_to_file -format=json", "jcmd <pid> Thread.print -l",
                "Exit status: 0 no findings, 1 findings, 2");
    }

    @Test
    void aCompleteRecordingIsRead() {
        Command c = Command.analyzer(JDK, "analyze", recording.toString());

        assertThat(c.status()).as(c.err()).isIn(0, 1);
        assertThat(c.out()).startsWith(recording + ": ");
        assertThat(c.err()).isEmpty();
    }

    @Test
    void anEmptyFileExitsTwo() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.txt"));

        assertUnusable(Command.analyzer(JDK, "analyze", empty.toString()), empty, "is empty");
    }

    @Test
    void aTruncatedRecordingExitsTwo() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(whole, whole.length / 2));

        assertUnusable(Command.analyzer(JDK, "analyze", cut.toString()), cut, "truncated JFR recording");
    }

    @Test
    void aTextFileThatIsNoDumpExitsTwo() throws Exception {
        Path text = Files.writeString(dir.resolve("README.txt"), "threadhound\n\nFinds leaked threads.\n");

        assertUnusable(Command.analyzer(JDK, "analyze", text.toString()), text, "is not a thread dump, JFR recording or heap dump");
    }

    @Test
    void aMissingFileExitsTwo() {
        Path missing = dir.resolve("missing.jfr");

        assertUnusable(Command.analyzer(JDK, "analyze", missing.toString()), missing, "no such file");
    }

    @Test
    void aDirectoryExitsTwo() {
        assertUnusable(Command.analyzer(JDK, "analyze", dir.toString()), dir, "is a directory");
    }

    @Test
    void anUnknownOptionExitsTwo() {
        Command c = Command.analyzer(JDK, "analyze", recording.toString(), "--fast");

        assertThat(c.status()).isEqualTo(2);
        assertThat(c.err().lines()).containsExactly("threadhound: unknown option '--fast'; usage: analyze <file> [--json] [--stuck-after 30s]");
    }

    private static void assertUnusable(Command c, Path file, String what) {
        assertThat(c.status()).isEqualTo(2);
        assertThat(c.out()).isEmpty();
        assertThat(c.err().lines()).singleElement().asString()
                .startsWith("threadhound: cannot analyze " + file + ": " + what)
                .endsWith("expected " + ALLOWED);
    }
}
