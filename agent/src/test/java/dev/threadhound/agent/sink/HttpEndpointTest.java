package dev.threadhound.agent.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEndpointTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final MetricsSink sink = new MetricsSink();
    private HttpEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void servesPrometheusTextAndOpenMetricsOnAccept() throws Exception {
        start();

        HttpResponse<String> text = get("/metrics", null);
        HttpResponse<String> open = get("/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text.body()).contains("threadhound_findings{severity=\"CRITICAL\",type=\"DEADLOCK\"} 1.0")
                .contains("threadhound_executor_queued_tasks{executor=\"io-\"} 7.0");
        assertThat(open.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/openmetrics-text"));
        assertThat(open.body()).contains("# TYPE threadhound_executor_tasks_completed counter").endsWith("# EOF\n");
    }

    @Test
    void servesTheFindingsJsonOfTheContract() throws Exception {
        start();

        HttpResponse<String> response = get("/findings", null);
        FindingsReport report = Json.readReport(response.body());

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(report.schema()).isEqualTo("threadhound/findings/v1");
        assertThat(report.findings()).extracting(f -> f.type())
                .containsExactly(FindingType.DEADLOCK, FindingType.LEAKED_TASK);
        assertThat(report.findings().get(0).threads().get(0).createdAt())
                .containsExactly("com.acme.Server.start(Server.java:17)");
    }

    @Test
    void servesEveryThreadWithStackAndCreationSite() throws Exception {
        start();

        String body = get("/threads", null).body();

        assertThat(body).contains("\"count\" : 4", "\"name\" : \"worker-1\"", "\"state\" : \"BLOCKED\"",
                "com.acme.Ledger.transfer(Ledger.java:42)", "\"createdAt\" : [ \"com.acme.Server.start(Server.java:17)\" ]");
    }

    @Test
    void groupsThreadsWithTheSameStateStackAndCreationSiteLargestFirstAPageAtATime() throws Exception {
        List<ThreadRecord> threads = new ArrayList<>();
        List<String> parked = List.of("java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "com.acme.Crowd.await(Crowd.java:12)");
        List<String> crowd = List.of("com.acme.Crowd.start(Crowd.java:30)");
        for (int i = 0; i < 3000; i++) {
            threads.add(SinkFixtures.thread(1000 + i, "crowd-" + i, "WAITING", parked, crowd));
        }
        threads.add(SinkFixtures.thread(1, "main", "RUNNABLE", List.of("com.acme.Main.main(Main.java:5)"), List.of()));
        threads.add(SinkFixtures.thread(7, "stray", "WAITING", parked, List.of("com.acme.Other.start(Other.java:9)")));
        Snapshot many = Snapshot.ofThreads(SinkFixtures.TAKEN_AT, threads);
        endpoint = HttpEndpoint.start("127.0.0.1", 0, sink, () -> many, System.err);

        JsonNode all = json(get("/threads", null).body());
        assertThat(all.path("count").asInt()).isEqualTo(3002);
        assertThat(all.path("groupCount").asInt()).isEqualTo(3);
        JsonNode first = all.path("groups").path(0);
        assertThat(first.path("count").asInt()).isEqualTo(3000);
        assertThat(first.path("state").asText()).isEqualTo("WAITING");
        assertThat(first.path("stack").path(1).asText()).isEqualTo("com.acme.Crowd.await(Crowd.java:12)");
        assertThat(first.path("createdAt").path(0).asText()).isEqualTo("com.acme.Crowd.start(Crowd.java:30)");
        assertThat(first.path("threads")).hasSize(ThreadsDocument.THREADS_PER_GROUP);
        assertThat(first.path("threads").path(0).path("name").asText()).isEqualTo("crowd-0");
        assertThat(all.path("groups").path(1).path("threads").path(0).path("name").asText()).isEqualTo("main");

        JsonNode page = json(get("/threads?limit=1&offset=2", null).body());
        assertThat(page.path("groups")).hasSize(1);
        assertThat(page.path("groups").path(0).path("threads").path(0).path("name").asText()).isEqualTo("stray");

        HttpResponse<String> bad = get("/threads?limit=-3", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("threadhound: limit=-3 is not allowed: limit is a whole number, at least 1\n");
    }

    private static JsonNode json(String body) throws java.io.IOException {
        return new ObjectMapper().readTree(body);
    }

    @Test
    void threadsEndsWithTheThreadsThatDied() throws Exception {
        sink.publish(SinkFixtures.smallSnapshot().withDeaths(List.of(new DeathRecord(40, "sink", true, null,
                List.of("com.acme.Pipeline.start(Pipeline.java:30)"), 1, "java.lang.NullPointerException",
                List.of("com.acme.Sink.run(Sink.java:22)"), SinkFixtures.TAKEN_AT - 1_000, List.of()))), List.of());
        endpoint = HttpEndpoint.start("127.0.0.1", 0, sink);

        String body = get("/threads", null).body();

        assertThat(body.indexOf("\"deaths\"")).isGreaterThan(body.indexOf("\"threads\""));
        assertThat(body.substring(body.indexOf("\"deaths\""))).contains("\"name\" : \"sink\"",
                "\"exception\" : \"java.lang.NullPointerException\"", "com.acme.Sink.run(Sink.java:22)");
    }

    @Test
    void servesTheStatusPageAsHtml() throws Exception {
        start();

        HttpResponse<String> page = get("/", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("DEADLOCK");
    }

    @Test
    void answersEveryOtherMethodWith405OnEveryPath() throws Exception {
        start();

        for (String path : new String[] {"/", "/metrics", "/findings", "/threads"}) {
            for (String method : new String[] {"POST", "PUT", "DELETE"}) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.ofString("x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).hasValue("GET");
            }
        }
    }

    @Test
    void unknownPathIs404() throws Exception {
        start();

        assertThat(get("/nothing-here", null).statusCode()).isEqualTo(404);
    }

    @Test
    void portInUseGivesOneClearLineAndNoException() throws Exception {
        awaitEarlierEndpointsGone();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            endpoint = HttpEndpoint.start("127.0.0.1", taken.getLocalPort(), sink, sink::latestSnapshot,
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(endpoint).isNull();
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo("threadhound: HTTP endpoint not started: 127.0.0.1:" + taken.getLocalPort()
                            + " is already in use (choose another with port=, or port=0 for none); the application runs on"
                            + System.lineSeparator());
        }
        assertThat(threadNames()).noneMatch(name -> name.startsWith("threadhound-http-"));
    }

    @Test
    void everyThreadTheEndpointStartsIsADaemonNamedThreadhound() throws Exception {
        get0Warmup();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());

        start();
        get("/", null);
        get("/metrics", null);

        Set<Thread> added = new HashSet<>(Thread.getAllStackTraces().keySet());
        added.removeAll(before);
        // The test's own HTTP client starts workers on demand; they are not the endpoint's.
        added.removeIf(t -> t.getName().startsWith("HttpClient-"));
        assertThat(added).extracting(Thread::getName).contains("threadhound-http-dispatcher");
        assertThat(added).allSatisfy(t -> {
            assertThat(t.getName()).startsWith("threadhound-");
            assertThat(t.isDaemon()).as(t.getName() + " is a daemon").isTrue();
        });
    }

    /** The HTTP client's own threads start on first use; they must not count as the endpoint's. */
    private void get0Warmup() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.getLocalPort() + "/"))
                    .timeout(java.time.Duration.ofMillis(200)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException expected) {
            // nothing answers there; the client's threads exist now
        }
    }

    private void start() {
        sink.publish(SinkFixtures.smallSnapshot(), SinkFixtures.findings());
        endpoint = HttpEndpoint.start("127.0.0.1", 0, sink);
        assertThat(endpoint).isNotNull();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoint.port() + path);
    }

    /** Handler threads of endpoints other tests closed end a moment after the close. */
    private static void awaitEarlierEndpointsGone() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (threadNames().stream().anyMatch(name -> name.startsWith("threadhound-http-"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
