package dev.threadhound.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhound.source.dump.Dumps;
import dev.threadhound.source.jfr.RecordedContention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void contentionInARecordingIsAFindingAndExitsOne() {
        int status = run("analyze", RecordedContention.file().toString(), "--json");

        assertThat(status).isEqualTo(1);
        assertThat(err()).isEmpty();
        JsonNode report = json(out());
        assertThat(report.get("schema").asText()).isEqualTo("threadhound/findings/v1");
        assertThat(report.get("findings")).anySatisfy(f -> {
            assertThat(f.get("type").asText()).isEqualTo("CONTENTION");
            assertThat(f.get("lock").asText()).isEqualTo("java.util.concurrent.locks.ReentrantLock");
            assertThat(f.get("site").get(0).asText()).contains("RecordedContention$Counter.increment(");
        });
    }

    @Test
    void textOutputNamesTheLockAndTheSite() {
        int status = run("analyze", RecordedContention.file().toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).contains("CONTENTION: ", "RecordedContention$Ledger", "site:", "at dev.threadhound.source.jfr.RecordedContention$Ledger.post(");
    }

    @Test
    void aTextDumpOfTheDeadlockShowsBothCyclesWithBothThreads() throws Exception {
        Path file = Files.writeString(dir.resolve("threads.txt"), Dumps.text("threadprint-jdk17.txt"));

        int status = run("analyze", file.toString(), "--json");

        assertThat(status).isEqualTo(1);
        JsonNode findings = json(out()).get("findings");
        assertThat(findings).filteredOn(f -> f.get("type").asText().equals("DEADLOCK"))
                .extracting(f -> f.get("cycle").toString())
                .containsExactlyInAnyOrder("[\"monitor-1\",\"monitor-2\"]", "[\"lock-1\",\"lock-2\"]");
    }

    @Test
    void aHealthyDumpExitsZero() throws Exception {
        String dump = Dumps.text("jstack-jdk25.txt");
        // Only the header and the main thread (sleeping): nothing wrong in it.
        String healthy = dump.substring(0, dump.indexOf("\"Reference Handler\""));
        Path file = Files.writeString(dir.resolve("healthy.txt"), healthy);

        int status = run("analyze", file.toString());

        assertThat(status).isEqualTo(0);
        assertThat(out()).contains("1 thread as of", "no findings");
    }

    @Test
    void aJsonDumpWithoutLockOwnersSaysSoBesideTheFindingsJson() throws Exception {
        Path file = Files.writeString(dir.resolve("threads.json"), Dumps.text("threaddump-jdk25.json"));

        run("analyze", file.toString(), "--json");

        assertThat(json(out()).get("findings").isArray()).isTrue();
        assertThat(err()).startsWith("threadhound: note: 2 thread(s) wait for a java.util.concurrent lock");
    }

    @Test
    void anEmptyFileExitsTwoWithOneLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));

        assertUnusable(run("analyze", empty.toString()), "cannot analyze " + empty + ": is empty; expected a JFR recording (.jfr)");
    }

    @Test
    void aTruncatedRecordingExitsTwoWithOneLine() throws Exception {
        byte[] whole = Files.readAllBytes(RecordedContention.file());
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(whole, whole.length / 3));

        assertUnusable(run("analyze", cut.toString()), "cannot analyze " + cut + ": truncated JFR recording: ");
    }

    @Test
    void textThatIsNoDumpExitsTwoWithOneLine() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "shopping list\n- milk\n- \"bread\" #2\n");

        assertUnusable(run("analyze", notes.toString()), "cannot analyze " + notes + ": is not a thread dump, JFR recording or heap dump; expected ");
    }

    @Test
    void aMissingFileExitsTwoWithOneLine() {
        Path missing = dir.resolve("nowhere.jfr");

        assertUnusable(run("analyze", missing.toString()), "cannot analyze " + missing + ": no such file; expected ");
    }

    @Test
    void aDirectoryExitsTwoWithOneLine() {
        assertUnusable(run("analyze", dir.toString()), "cannot analyze " + dir + ": is a directory, not a file; expected ");
    }

    @Test
    void anUnknownOptionOrABadDurationExitsTwoWithOneLine() {
        assertUnusable(run("analyze", "x.jfr", "--verbose"), "unknown option '--verbose'; usage: analyze <file> [--json] [--stuck-after 30s]");
        out.reset();
        err.reset();
        assertUnusable(run("analyze", "x.jfr", "--stuck-after", "soon"), "bad value for --stuck-after: 'soon'; allowed: a positive duration");
        out.reset();
        err.reset();
        assertUnusable(run(), "no command; usage: analyze <file>");
    }

    @Test
    void helpExplainsEachInputWithAnExample() {
        assertThat(run("--help")).isEqualTo(0);

        assertThat(out()).contains(
                "jcmd <pid> JFR.dump name=th filename=app.jfr",
                "jcmd <pid> Thread.dump_to_file -format=json threads.json",
                "jcmd <pid> Thread.print -l > threads.txt",
                "Exit status: 0 no findings, 1 findings, 2 the input could not be read");
    }

    private void assertUnusable(int status, String lineStart) {
        assertThat(status).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err().lines()).singleElement().asString().startsWith("threadhound: " + lineStart);
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
