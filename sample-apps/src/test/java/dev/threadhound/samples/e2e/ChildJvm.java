package dev.threadhound.samples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real JVM started for an end-to-end test: a chosen JDK, the real agent jar (or none), a workload. Output goes
 * to a log file under {@code target/e2e-logs} so a failed test can be read afterwards.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path errorLog;

    private ChildJvm(Process process, Path log, Path errorLog) {
        this.process = process;
        this.log = log;
        this.errorLog = errorLog;
    }

    /** The JDKs every end-to-end test runs on: the one running the build (17) and JDK 25. */
    public static List<Jdk> jdks() {
        Path home25 = Paths.get(System.getProperty("threadhound.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        if (!Files.isExecutable(home25.resolve("bin/java"))) {
            throw new IllegalStateException("JDK 25 not found at " + home25 + " (set -Djdk25.home=...)");
        }
        return List.of(new Jdk(Paths.get(System.getProperty("java.home")), 17), new Jdk(home25, 25));
    }

    public static Path agentJar() {
        return existing("threadhound.agent.jar");
    }

    public static Path samplesJar() {
        return existing("threadhound.samples.jar");
    }

    public static Path analyzerJar() {
        return existing("threadhound.analyzer.jar");
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Paths.get(value))) {
            throw new IllegalStateException(property + " does not name a built jar: " + value + " (run mvn verify)");
        }
        return Paths.get(value).toAbsolutePath();
    }

    public static Builder on(Jdk jdk) {
        return new Builder(jdk);
    }

    /** Whole output so far: stdout and stderr, or stdout only when started with {@link Builder#stderrApart()}. */
    public String output() {
        return read(log);
    }

    /** Whole stderr so far, for a JVM started with {@link Builder#stderrApart()}. */
    public String errorOutput() {
        if (errorLog == null) {
            throw new IllegalStateException("stderr is in the combined log; start the JVM with stderrApart()");
        }
        return read(errorLog);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Polls the output until it holds {@code text}; fails with the output when the JVM exits or time runs out. */
    public String awaitOutput(String text, Duration timeout) {
        return await(out -> out.contains(text), "output containing '" + text + "'", timeout);
    }

    public String await(Predicate<String> condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String out = output();
            if (condition.test(out)) {
                return out;
            }
            if (!process.isAlive()) {
                out = output();
                if (condition.test(out)) {
                    return out;
                }
                throw new AssertionError("JVM exited (" + process.exitValue() + ") before " + what + ":\n" + out);
            }
            sleep(50);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + ":\n" + output());
    }

    /** Waits for the JVM to exit and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("JVM still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until {@code file} exists and is not empty. */
    public Path awaitFile(Path file, Duration timeout) {
        await(out -> Files.isRegularFile(file) && size(file) > 0, "file " + file, timeout);
        return file;
    }

    /**
     * Stops the JVM as a user would (SIGTERM: its shutdown hooks run) and waits up to {@code timeout} for it to exit,
     * then kills it; the exit code, or -1 when it had to be killed.
     */
    public int terminate(Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the JVM (SIGKILL): for one whose exit hangs, which a SIGTERM would only ask to exit again. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A JDK to launch: its home and feature version. */
    public record Jdk(Path home, int version) {
        public Path java() {
            return home.resolve("bin/java");
        }

        @Override
        public String toString() {
            return "JDK " + version;
        }
    }

    public static final class Builder {
        private final Jdk jdk;
        private final List<String> jvmArgs = new ArrayList<>();
        private String agentOptions;
        private boolean agent;
        private final List<String> classpath = new ArrayList<>();
        private String mainClass = "dev.threadhound.samples.Samples";
        private final List<String> args = new ArrayList<>();
        private String name = "child";
        private boolean noClasspath;
        private boolean stderrApart;

        private Builder(Jdk jdk) {
            this.jdk = jdk;
        }

        /** Attaches the real agent jar with these options ({@code key=value,...}, may be empty). */
        public Builder agent(String options) {
            this.agent = true;
            this.agentOptions = options;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Adds to the class path; the samples jar is always on it. */
        public Builder classpath(Path entry) {
            classpath.add(entry.toString());
            return this;
        }

        public Builder main(String className) {
            this.mainClass = className;
            return this;
        }

        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /** No class path and no main class: for {@code -jar} launches given as JVM arguments. */
        public Builder noClasspath() {
            this.noClasspath = true;
            return this;
        }

        /**
         * Keeps stderr in a file of its own ({@code <name>-jdk<version>.err.log}), for tests of what a user sees on
         * stderr; {@link ChildJvm#output()} is then stdout only.
         */
        public Builder stderrApart() {
            this.stderrApart = true;
            return this;
        }

        /** Names the log file: {@code target/e2e-logs/<name>-jdk<version>.log}. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(jdk.java().toString());
            if (agent) {
                command.add("-javaagent:" + agentJar() + (agentOptions == null || agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            command.addAll(jvmArgs);
            if (!noClasspath) {
                List<String> cp = new ArrayList<>(classpath);
                cp.add(0, samplesJar().toString());
                command.add("-cp");
                command.add(String.join(java.io.File.pathSeparator, cp));
                command.add(mainClass);
            }
            command.addAll(args);
            return command;
        }

        public ChildJvm start() {
            try {
                Path dir = Paths.get("target", "e2e-logs");
                Files.createDirectories(dir);
                Path log = dir.resolve(name + "-jdk" + jdk.version() + ".log").toAbsolutePath();
                Files.deleteIfExists(log);
                List<String> command = command();
                Files.writeString(log, "");
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile());
                Path errorLog = null;
                if (stderrApart) {
                    errorLog = dir.resolve(name + "-jdk" + jdk.version() + ".err.log").toAbsolutePath();
                    Files.writeString(errorLog, "");
                    builder.redirectError(errorLog.toFile());
                } else {
                    builder.redirectErrorStream(true);
                }
                return new ChildJvm(builder.start(), log, errorLog);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
