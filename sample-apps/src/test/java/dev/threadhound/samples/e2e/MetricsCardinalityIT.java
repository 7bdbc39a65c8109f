package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A JVM that creates 1,000 differently named executors exports at most 101 executor label values. */
class MetricsCardinalityIT {

    private static final Pattern EXECUTOR = Pattern.compile("executor=\"([^\"]*)\"");

    @Test
    void thousandExecutorsExportAtMost101ExecutorValues() throws Exception {
        ChildJvm.Jdk jdk = ChildJvm.jdks().get(1);
        int port = PrometheusServer.freePort();
        try (ChildJvm app = ChildJvm.on(jdk)
                .agent("port=" + port + ",stuckAfter=2s,interval=250ms")
                .classpath(Paths.get("target", "test-classes").toAbsolutePath())
                .main(MetricsWorkload.class.getName())
                .args("executors", "1000")
                .name("metrics-cardinality")
                .start()) {
            app.awaitOutput("ready", Duration.ofSeconds(60));
            String url = "http://127.0.0.1:" + port + "/metrics";
            // Wait for a detector cycle that saw every executor still alive (the 500 that were never shut down).
            String text = awaitLiveExecutors(url, 500, app);

            Set<String> values = new TreeSet<>();
            Matcher m = EXECUTOR.matcher(text);
            while (m.find()) {
                values.add(m.group(1));
            }
            assertThat(values).hasSizeLessThanOrEqualTo(101).contains("other");
        }
    }

    private static String awaitLiveExecutors(String url, int atLeast, ChildJvm app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            text = MetricsTools.awaitHttp(url, Duration.ofSeconds(30), app);
            double live = text.lines().filter(l -> l.startsWith("threadhound_executor_instances{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (live >= atLeast) {
                return text;
            }
            MetricsTools.sleep(250);
        }
        throw new AssertionError("never saw " + atLeast + " live executors in " + url + ":\n" + text);
    }
}
