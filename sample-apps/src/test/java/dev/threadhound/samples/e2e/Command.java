package dev.threadhound.samples.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A short-lived tool run to the end (jcmd, the analyzer jar): its exit status, stdout and stderr. */
record Command(int status, String out, String err) {

    static Command run(Duration timeout, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("still running after " + timeout + ": " + command);
            }
            return new Command(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code java -jar threadhound-analyzer.jar args...} on the given JDK. */
    static Command analyzer(ChildJvm.Jdk jdk, String... args) {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", ChildJvm.analyzerJar().toString()));
        command.addAll(List.of(args));
        return run(Duration.ofSeconds(60), command);
    }

    /** {@code jcmd <pid> args...} of the given JDK. */
    static Command jcmd(ChildJvm.Jdk jdk, long pid, String... args) {
        List<String> command = new ArrayList<>(List.of(jdk.home().resolve("bin/jcmd").toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        return run(Duration.ofSeconds(60), command);
    }

    static Path jcmdToFile(ChildJvm.Jdk jdk, long pid, Path file, String... args) {
        Command c = jcmd(jdk, pid, args);
        if (c.status() != 0) {
            throw new AssertionError("jcmd " + String.join(" ", args) + " failed: " + c.out() + c.err());
        }
        return file;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
