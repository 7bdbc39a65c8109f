package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus scrapes two JVMs running the agent, one deadlocked (JDK 25) and one with every other kind of
 * trouble, a lock-order cycle among them (JDK 17, {@code lockOrder=on}). Every query of the shipped dashboard and
 * every expression of the shipped alert rules is then evaluated through Prometheus' HTTP API and must return data,
 * and the deadlock alert must fire for the deadlocked JVM and only for it.
 */
class PrometheusScrapeIT {

    private static final Duration DATA_DEADLINE = Duration.ofSeconds(60);

    @Test
    void everyPanelAndAlertReturnsDataAndTheDeadlockAlertFires() throws Exception {
        List<ChildJvm.Jdk> jdks = ChildJvm.jdks();
        int deadlockPort = PrometheusServer.freePort();
        int troublePort = PrometheusServer.freePort();
        String deadlockTarget = "127.0.0.1:" + deadlockPort;
        String troubleTarget = "127.0.0.1:" + troublePort;
        Path dir = clean(Paths.get("target", "prometheus-scrape-it"));

        try (ChildJvm deadlock = workload(jdks.get(1), "deadlock", deadlockPort);
             ChildJvm trouble = workload(jdks.get(0), "trouble", troublePort)) {
            MetricsTools.awaitHttp("http://" + deadlockTarget + "/metrics", Duration.ofSeconds(60), deadlock);
            MetricsTools.awaitHttp("http://" + troubleTarget + "/metrics", Duration.ofSeconds(60), trouble);

            try (PrometheusServer prometheus = PrometheusServer.start(dir, List.of(deadlockTarget, troubleTarget),
                    testRules(dir))) {
                awaitScrapes(prometheus, 2);

                Map<String, String> queries = new LinkedHashMap<>();
                Dashboard dashboard = Dashboard.load();
                String instances = deadlockTarget + "|" + troubleTarget;
                Stream.concat(dashboard.panelQueries().stream(), dashboard.variableQueries().stream())
                        .forEach(q -> queries.put("panel " + q.name(),
                                Dashboard.substitute(q.expr(), PrometheusServer.JOB, instances)));
                Dashboard.alertExpressions().forEach(q -> queries.put("alert " + q.name(), q.expr()));

                Map<String, String> empty = awaitData(prometheus, queries);
                List<String> firing = deadlockAlertInstances(prometheus);

                SoftAssertions soft = new SoftAssertions();
                soft.assertThat(empty).as("queries that returned no data within " + DATA_DEADLINE
                        + "\n(deadlock JVM log: " + deadlock.log() + ", trouble JVM log: " + trouble.log() + ")").isEmpty();
                soft.assertThat(firing).as("instances the ThreadhoundDeadlock alert fires for; all alerts: "
                        + prometheus.alerts()).containsExactly(deadlockTarget);
                soft.assertAll();
            }
        }
    }

    /** The shipped rules with every {@code for:} shortened to 2 s, so an alert goes pending, then firing, in a test. */
    private static Path testRules(Path dir) throws IOException {
        String shipped = Files.readString(Dashboard.RULES);
        String shortened = shipped.replaceAll("(?m)^(\\s*)for: \\S+$", "$1for: 2s");
        assertThat(shortened).isNotEqualTo(shipped);
        Path rules = dir.resolve("rules-test-copy.yml");
        Files.writeString(rules, shortened);
        return rules;
    }

    private static ChildJvm workload(ChildJvm.Jdk jdk, String mode, int port) {
        return ChildJvm.on(jdk)
                .agent("port=" + port + ",stuckAfter=2s,interval=250ms" + (mode.equals("trouble") ? ",lockOrder=on" : ""))
                .classpath(Paths.get("target", "test-classes").toAbsolutePath())
                .main(MetricsWorkload.class.getName())
                .args(mode)
                .name("prometheus-scrape-" + mode)
                .start();
    }

    private static void awaitScrapes(PrometheusServer prometheus, int targets) {
        String query = "sum(up{job=\"" + PrometheusServer.JOB + "\"}) and count(count_over_time(threadhound_threads[1m]) >= 3) >= "
                + targets;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode result = prometheus.query(query);
            if (result.size() == 1 && result.get(0).path("value").get(1).asDouble() >= targets) {
                return;
            }
            MetricsTools.sleep(500);
        }
        throw new AssertionError("Prometheus did not scrape both JVMs three times:\n"
                + prometheus.query("up") + "\n" + prometheus.log());
    }

    /** Polls every query until each has returned data once; returns those that never did, with their PromQL. */
    private static Map<String, String> awaitData(PrometheusServer prometheus, Map<String, String> queries) {
        Map<String, String> pending = new LinkedHashMap<>(queries);
        long deadline = System.nanoTime() + DATA_DEADLINE.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.entrySet().removeIf(q -> !prometheus.query(q.getValue()).isEmpty());
            if (!pending.isEmpty()) {
                MetricsTools.sleep(1000);
            }
        }
        return pending;
    }

    /** Waits for the deadlock alert to fire; returns the instances it fires for. */
    private static List<String> deadlockAlertInstances(PrometheusServer prometheus) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> firing = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            firing.clear();
            for (JsonNode alert : prometheus.alerts()) {
                if ("ThreadhoundDeadlock".equals(alert.path("labels").path("alertname").asText())
                        && "firing".equals(alert.path("state").asText())) {
                    firing.add(alert.path("labels").path("instance").asText());
                }
            }
            if (!firing.isEmpty()) {
                break;
            }
            MetricsTools.sleep(500);
        }
        return firing;
    }

    private static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
