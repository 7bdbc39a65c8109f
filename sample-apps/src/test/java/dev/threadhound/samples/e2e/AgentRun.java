package dev.threadhound.samples.e2e;

import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sample run under the real agent with the end-to-end tests' short thresholds ({@code stuckAfter=2s},
 * {@code interval=250ms}, no endpoint), writing its findings report under {@code target/e2e-reports}.
 */
record AgentRun(ChildJvm jvm, Path report) implements AutoCloseable {

    static final String FAST_DETECTION = "stuckAfter=2s,interval=250ms,port=0";

    /** Each case once per JDK the end-to-end tests run on, as {@code "<jdk> <case>"}: the key its run is kept under. */
    static Stream<String> onEveryJdk(Collection<String> cases) {
        return Stream.of(17, 25).flatMap(jdk -> cases.stream().map(c -> jdk + " " + c));
    }

    /** Starts {@code args} on {@code jdk}; {@code extra} may add to the class path. */
    static AgentRun start(ChildJvm.Jdk jdk, String name, java.util.function.UnaryOperator<ChildJvm.Builder> extra,
                          String... args) {
        return startDetecting(jdk, name, FAST_DETECTION, extra, args);
    }

    /** Starts {@code args} on {@code jdk} with the agent's detection options {@code detection} instead. */
    static AgentRun startDetecting(ChildJvm.Jdk jdk, String name, String detection, String... args) {
        return startDetecting(jdk, name, detection, b -> b, args);
    }

    /** As {@link #start}, with the agent's detection options {@code detection} instead. */
    static AgentRun startDetecting(ChildJvm.Jdk jdk, String name, String detection,
                                   java.util.function.UnaryOperator<ChildJvm.Builder> extra, String... args) {
        try {
            Path report = Files.createDirectories(Path.of("target", "e2e-reports"))
                    .resolve(name + "-jdk" + jdk.version() + ".json").toAbsolutePath();
            Files.deleteIfExists(report);
            ChildJvm.Builder builder = ChildJvm.on(jdk).name(name).agent("report=" + report + "," + detection).args(args);
            return new AgentRun(extra.apply(builder).start(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AgentRun start(ChildJvm.Jdk jdk, String name, String... args) {
        return start(jdk, name, b -> b, args);
    }

    /** Waits for a clean exit and reads the report the agent wrote at exit. */
    FindingsReport awaitReport(Duration timeout) {
        int exit = jvm.awaitExit(timeout);
        if (exit != 0) {
            throw new AssertionError("exit " + exit + ":\n" + jvm.output());
        }
        return written();
    }

    /**
     * For a JVM that does not exit by itself: waits until its console shows {@code text}, stops it as a user would
     * (SIGTERM, so the agent's shutdown hook writes the report) and reads the report.
     */
    FindingsReport stopOnceItSays(String text, Duration timeout) {
        jvm.awaitOutput(text, timeout);
        assertAlive();
        return stopped();
    }

    /** Stops the JVM as a user would (SIGTERM) and reads the report its shutdown hook wrote. */
    private FindingsReport stopped() {
        // the shutdown hook runs one more detector cycle and writes the report: seconds on a loaded machine
        if (jvm.terminate(Duration.ofSeconds(60)) == -1) {
            throw new AssertionError("the JVM did not stop within a minute of SIGTERM:\n" + jvm.output());
        }
        return written();
    }

    /**
     * For a JVM that stays up for a while and then exits by itself: as {@link #stopOnceItSays}, or, when it has
     * already exited by the time its console shows {@code text} (a crowded run gets to it late), the report it wrote
     * at its own exit.
     */
    FindingsReport reportOnceItSays(String text, Duration timeout) {
        jvm.awaitOutput(text, timeout);
        if (!jvm.alive()) {
            return awaitReport(timeout);
        }
        return stopped();
    }

    /** As {@link #reportOnceItSays(String, Duration)}, once the console has shown each of {@code texts}, in order. */
    FindingsReport reportOnceItSays(List<String> texts, Duration timeout) {
        texts.subList(0, texts.size() - 1).forEach(text -> jvm.awaitOutput(text, timeout));
        return reportOnceItSays(texts.get(texts.size() - 1), timeout);
    }

    /** The report the agent wrote at the JVM's exit. */
    private FindingsReport written() {
        try {
            return Json.readReport(Files.readString(report));
        } catch (IOException e) {
            throw new AssertionError("no report at " + report + ":\n" + jvm.output(), e);
        }
    }

    private void assertAlive() {
        if (!jvm.alive()) {
            throw new AssertionError("the JVM had already exited:\n" + jvm.output());
        }
    }

    /**
     * What a failed assertion shows: a line per finding first (what is left when a long message is cut short in the
     * middle), then the findings in full and everything the JVM printed.
     */
    String context(FindingsReport findings) {
        StringBuilder lines = new StringBuilder("findings, a line each:\n");
        findings.findings().forEach(f ->
                lines.append("  ").append(f.severity()).append(' ').append(f.type()).append(": ").append(f.summary())
                        .append('\n'));
        return lines + "findings:\n" + Json.write(findings) + "\noutput:\n" + jvm.output();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
