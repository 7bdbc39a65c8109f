package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Prometheus (Debian's {@code prometheus}) on a free loopback port, scraping the given targets every second
 * and evaluating the given rules every second, with its data and log under {@code dir}. Stopped by {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    static final String JOB = "threadhound-it";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PrometheusServer start(Path dir, List<String> targets, Path rules) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + rules.toAbsolutePath(),
                "scrape_configs:",
                "  - job_name: " + JOB,
                "    static_configs:",
                "      - targets: [" + targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")) + "]",
                ""));
        int port = freePort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(MetricsTools.require("prometheus"),
                "--config.file=" + config.toAbsolutePath(),
                "--storage.tsdb.path=" + dir.resolve("data").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        server.awaitReady(Duration.ofSeconds(30));
        return server;
    }

    /**
     * A port free now, never one handed out before in this run: the system may offer a port again as soon as the
     * probe's socket is closed, before the JVM it was meant for has bound it, and two agents were then given one port
     * (the second could not bind it, and its test read the first one's endpoint).
     */
    static int freePort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port) || attempt >= 50) {
                    return port;
                }
            }
        }
    }

    /** {@code /api/v1/query} at the current time: the result array; fails on a query Prometheus rejects. */
    JsonNode query(String promql) {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(body.path("status").asText())) {
            throw new AssertionError("Prometheus rejected " + promql + ": " + body);
        }
        return body.path("data").path("result");
    }

    /** {@code /api/v1/alerts}: every pending and firing alert. */
    JsonNode alerts() {
        return get("/api/v1/alerts").path("data").path("alerts");
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited (" + process.exitValue() + "):\n" + log());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            MetricsTools.sleep(100);
        }
        throw new AssertionError("prometheus not ready after " + timeout + ":\n" + log());
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
