package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crowds of threads parked for good at one line, under the real agent: 1,500 platform threads and then 1,500 more
 * (JDK 17 and 25), 20,000 virtual threads (JDK 25). Each crowd is one {@code LEAKED_THREAD} finding at every moment,
 * whose count is the same in the findings JSON, {@code /metrics} and the status page; the console logs it again
 * once it has doubled; {@code /threads} shows the crowd as a few groups with counts. All the JVMs run at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleIT {

    private static final int PLATFORM_WAVE = 1_500;
    private static final int VIRTUAL = 20_000;
    private static final Pattern CONSOLE_COUNT = Pattern.compile("WARNING LEAKED_THREAD: (\\d+) (?:virtual )?threads");

    private record Crowd(ChildJvm jvm, int port, Path nextWave) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Crowd> crowds = new LinkedHashMap<>();

    static List<ChildJvm.Jdk> jdks() {
        return ChildJvm.jdks();
    }

    @BeforeAll
    void startEveryCrowd() throws IOException {
        Path dir = Files.createDirectories(Paths.get("target", "e2e-scale").toAbsolutePath());
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            Path nextWave = dir.resolve("next-wave-jdk" + jdk.version());
            Files.deleteIfExists(nextWave);
            crowds.put("platform-" + jdk.version(), start(jdk, "scale-platform", "platform",
                    Integer.toString(PLATFORM_WAVE), nextWave.toString()));
        }
        ChildJvm.Jdk jdk25 = ChildJvm.jdks().stream().filter(j -> j.version() >= 21).findFirst().orElseThrow();
        crowds.put("virtual", start(jdk25, "scale-virtual", "virtual", Integer.toString(VIRTUAL)));
    }

    private Crowd start(ChildJvm.Jdk jdk, String name, String... args) throws IOException {
        int port = PrometheusServer.freePort();
        ChildJvm jvm = ChildJvm.on(jdk)
                .agent("port=" + port + ",stuckAfter=2s,interval=250ms")
                .classpath(Paths.get("target", "test-classes").toAbsolutePath())
                .main(CrowdWorkload.class.getName())
                .args(args)
                .name(name)
                .start();
        return new Crowd(jvm, port, args.length > 2 ? Path.of(args[2]) : null);
    }

    @AfterAll
    void stopAll() {
        crowds.values().forEach(c -> c.jvm().close());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aGrowingCrowdOfPlatformThreadsIsOneFindingWhoseCountAgreesEverywhere(ChildJvm.Jdk jdk) throws Exception {
        Crowd crowd = crowds.get("platform-" + jdk.version());
        crowd.jvm().awaitOutput("parked " + PLATFORM_WAVE, Duration.ofSeconds(120));
        awaitOneFindingCounting(crowd, PLATFORM_WAVE);

        Files.writeString(crowd.nextWave(), "go");
        crowd.jvm().awaitOutput("parked " + 2 * PLATFORM_WAVE, Duration.ofSeconds(120));
        JsonNode finding = awaitOneFindingCounting(crowd, 2 * PLATFORM_WAVE);

        assertThat(finding.path("threads").size()).isLessThanOrEqualTo(10);
        assertThat(finding.path("summary").asText()).startsWith(2 * PLATFORM_WAVE + " threads (crowd-")
                .contains("in CountDownLatch.await at CrowdWorkload.park(CrowdWorkload.java:");
        assertThat(metricsCount(crowd)).isEqualTo(2 * PLATFORM_WAVE);
        assertThat(get(crowd, "/").body()).contains("<dt>count</dt><dd>" + 2 * PLATFORM_WAVE + "</dd>");

        List<Integer> logged = consoleCounts(crowd.jvm().output());
        assertThat(logged).as("the console logs the finding, then again each time it has doubled:\n"
                + crowd.jvm().output()).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < logged.size(); i++) {
            assertThat(logged.get(i)).isGreaterThanOrEqualTo(2 * logged.get(i - 1));
        }
        assertThat(logged.get(logged.size() - 1)).as("never stale by more than half").isGreaterThanOrEqualTo(PLATFORM_WAVE);

        assertThreadsGroupedAtTheCrowdsSite(crowd, 2 * PLATFORM_WAVE);
    }

    @Test
    void twentyThousandVirtualThreadsAreOneFindingWithTheirCount() throws Exception {
        Crowd crowd = crowds.get("virtual");
        crowd.jvm().awaitOutput("parked " + VIRTUAL, Duration.ofSeconds(120));
        JsonNode finding = awaitOneFindingCounting(crowd, VIRTUAL);
        HttpResponse<String> findings = get(crowd, "/findings");

        assertThat(finding.path("summary").asText()).startsWith(VIRTUAL + " virtual threads (#");
        assertThat(finding.path("threads").size()).isLessThanOrEqualTo(10);
        assertThat(findings.body().length()).isLessThan(1_000_000);
        assertThat(metricsCount(crowd)).isEqualTo(VIRTUAL);
        assertThreadsGroupedAtTheCrowdsSite(crowd, VIRTUAL);
    }

    /**
     * Polls {@code /findings} until its one LEAKED_THREAD finding counts {@code count} threads; at no poll is the
     * crowd split into two findings.
     */
    private JsonNode awaitOneFindingCounting(Crowd crowd, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<Integer> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            List<JsonNode> leaks = Findings.ofType(get(crowd, "/findings").body(), "LEAKED_THREAD");
            assertThat(leaks).as("one finding for the crowd at every moment; counts so far " + seen).hasSizeLessThanOrEqualTo(1);
            if (!leaks.isEmpty()) {
                int n = leaks.get(0).path("count").asInt();
                seen.add(n);
                if (n == count) {
                    return leaks.get(0);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no finding counting " + count + " threads; counts seen " + seen + "\n"
                + crowd.jvm().output());
    }

    /** {@code /threads}: the crowd is one group per stack seen so far (taken or not yet), and they add up. */
    private void assertThreadsGroupedAtTheCrowdsSite(Crowd crowd, int count) throws Exception {
        HttpResponse<String> response = get(crowd, "/threads");
        JsonNode threads = json.readTree(response.body());
        int crowded = 0;
        int groups = 0;
        for (JsonNode group : threads.path("groups")) {
            // started by the crowd's own line (the virtual thread scheduler's carriers are started below it)
            if (group.path("createdAt").path(0).asText().contains("CrowdWorkload.main")) {
                crowded += group.path("count").asInt();
                groups++;
                assertThat(group.path("threads").size()).isLessThanOrEqualTo(100);
            }
        }
        assertThat(crowded).as(response.body()).isEqualTo(count);
        assertThat(groups).as("the crowd's stack, and maybe those not taken yet").isBetween(1, 2);
        assertThat(response.body().length()).isLessThan(200_000);
    }

    private int metricsCount(Crowd crowd) throws Exception {
        String series = "threadhound_finding_threads{severity=\"WARNING\",type=\"LEAKED_THREAD\"} ";
        return get(crowd, "/metrics").body().lines().filter(l -> l.startsWith(series))
                .mapToInt(l -> (int) Double.parseDouble(l.substring(series.length()))).findFirst().orElse(-1);
    }

    private static List<Integer> consoleCounts(String output) {
        List<Integer> counts = new ArrayList<>();
        Matcher m = CONSOLE_COUNT.matcher(output);
        while (m.find()) {
            counts.add(Integer.parseInt(m.group(1)));
        }
        return counts;
    }

    private HttpResponse<String> get(Crowd crowd, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + crowd.port() + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // the endpoint starts in the background after premain
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no endpoint on port " + crowd.port() + ":\n" + crowd.jvm().output(), e);
                }
                Thread.sleep(100);
            }
        }
    }
}
