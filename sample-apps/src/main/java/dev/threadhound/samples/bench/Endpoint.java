package dev.threadhound.samples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The agent's HTTP endpoint on loopback, as the benchmarks read it (the samples carry no JSON library). */
final class Endpoint {

    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    private final int port;

    Endpoint(int port) {
        this.port = port;
    }

    String get(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(60_000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** Waits until the endpoint answers (it starts in the background after the agent's premain). */
    void awaitUp(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            try {
                get("/metrics");
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("no agent endpoint on 127.0.0.1:" + port);
    }

    /** Waits until the agent has run {@code cycles} detector cycles. */
    void awaitCycles(int cycles, long timeoutNanos) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (cycleMetrics().getOrDefault("count", 0.0) < cycles && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** {@code count}, {@code sum}, {@code max} of {@code threadhound_cycle_seconds} and {@code cpu}; empty if absent. */
    Map<String, Double> cycleMetrics() throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : get("/metrics").split("\n")) {
            String[] f = line.split(" ");
            if (f.length < 2) {
                continue;
            }
            switch (f[0]) {
                case "threadhound_cycle_seconds_count" -> out.put("count", Double.parseDouble(f[1]));
                case "threadhound_cycle_seconds_sum" -> out.put("sum", Double.parseDouble(f[1]));
                case "threadhound_cycle_seconds_max" -> out.put("max", Double.parseDouble(f[1]));
                case "threadhound_cycle_cpu_seconds_total" -> out.put("cpu", Double.parseDouble(f[1]));
                default -> {
                }
            }
        }
        return out;
    }

    /** The {@code count} of every {@code LEAKED_THREAD} finding in a findings JSON document. */
    static List<Integer> leakedThreadCounts(String findingsJson) {
        List<Integer> counts = new ArrayList<>();
        // Only findings carry a "type"; a finding's own fields come before the next finding's "type".
        String[] parts = findingsJson.split("\"type\"\\s*:\\s*\"");
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].startsWith("LEAKED_THREAD\"")) {
                Matcher m = COUNT.matcher(parts[i]);
                counts.add(m.find() ? Integer.parseInt(m.group(1)) : 1);
            }
        }
        return counts;
    }
}
