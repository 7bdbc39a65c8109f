package dev.threadhound.samples.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A short-lived JVM run to its end: its wall time as the parent saw it, its CPU time (user + system, the JVM and
 * every thread it had) and what it printed. The CPU time comes from a shell that waits for the JVM and then reads
 * its own {@code /proc/self/stat} children's times, in clock ticks (10 ms here): coarse for one run, fine for the
 * median of many.
 *
 * @param wallMillis wall time from process start to exit
 * @param cpuMillis  CPU time of the JVM, -1 where {@code /proc} is missing
 * @param endedAt    when the parent saw it end, in epoch milliseconds
 */
record TimedRun(double wallMillis, double cpuMillis, String stdout, String stderr, long endedAt) {

    private static final double TICK_MILLIS = 10;
    private static final String MARK = "timed-run-stat: ";

    static TimedRun of(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("timed-run", ".out");
        Path err = Files.createTempFile("timed-run", ".err");
        try {
            List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                    "\"$@\" 2>\"$ERR\"; s=$?; echo \"" + MARK + "$(cat /proc/$$/stat 2>/dev/null)\"; exit $s", "sh"));
            shell.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(shell).redirectOutput(out.toFile());
            builder.environment().put("ERR", err.toString());
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            double wall = (System.nanoTime() - start) / 1e6;
            long endedAt = System.currentTimeMillis();
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IOException("exit " + exit + " from " + String.join(" ", command) + "\n" + stdout + stderr);
            }
            int mark = stdout.lastIndexOf(MARK);
            double cpu = mark < 0 ? -1 : childTicks(stdout.substring(mark + MARK.length()).strip()) * TICK_MILLIS;
            return new TimedRun(wall, cpu, mark < 0 ? stdout : stdout.substring(0, mark), stderr, endedAt);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** cutime + cstime (fields 16 and 17 of proc(5)), counted after the command name, which may hold spaces. */
    private static long childTicks(String stat) {
        if (stat.isEmpty()) {
            return -1;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
}
