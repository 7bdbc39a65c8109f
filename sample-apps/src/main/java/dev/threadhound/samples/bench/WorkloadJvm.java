package dev.threadhound.samples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link OverheadWorkload} JVM kept alive between batches, driven over its stdin and stdout. Between batches
 * it waits on a read, so it takes no CPU from the batch another JVM is running (the agent's own once-a-second
 * detector cycle aside).
 */
final class WorkloadJvm implements AutoCloseable {

    private final String config;
    private final List<String> command;
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;
    private final StringBuilder other = new StringBuilder();
    private String jdk = "jdk?";

    private WorkloadJvm(String config, List<String> command) throws IOException {
        this.config = config;
        this.command = command;
        this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the JVM and waits until its warm-up is done. */
    static WorkloadJvm start(String config, List<String> command) throws IOException {
        WorkloadJvm jvm = new WorkloadJvm(config, command);
        jvm.readUntil("ready");
        return jvm;
    }

    String config() {
        return config;
    }

    String jdk() {
        return jdk;
    }

    /** Runs one batch and returns its wall-clock and process CPU nanoseconds per task. */
    double[] run(String pool, String size) throws IOException {
        in.println("run " + pool + " " + size);
        String[] f = readUntil("result ").split(" ");
        return new double[] {Double.parseDouble(f[3]), Double.parseDouble(f[4])};
    }

    private String readUntil(String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("jdk=")) {
                jdk = "jdk" + line.substring(4);
            } else {
                other.append("  | ").append(line).append('\n');
            }
        }
        throw new IOException("workload JVM (" + config + ") ended before '" + prefix + "': "
                + String.join(" ", command) + "\n" + other);
    }

    @Override
    public void close() {
        in.close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
