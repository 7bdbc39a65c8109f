package dev.threadhound.samples.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page as a person sees it: a deadlocked JVM runs under the agent, headless Debian Chromium loads
 * {@code /}, and the rendered DOM must show the deadlock first, with each thread's stack and the site that started
 * it. A screenshot is kept under {@code target/status-page/} for a person to look at.
 */
class StatusPageIT {

    static List<ChildJvm.Jdk> jdks() {
        return ChildJvm.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void showsTheDeadlockWithStacksAndCreationSites(ChildJvm.Jdk jdk) throws Exception {
        int port = PrometheusServer.freePort();
        String url = "http://127.0.0.1:" + port + "/";
        Path out = Files.createDirectories(Paths.get("target", "status-page").toAbsolutePath());

        try (ChildJvm app = ChildJvm.on(jdk)
                .agent("port=" + port + ",stuckAfter=2s,interval=250ms")
                .classpath(Paths.get("target", "test-classes").toAbsolutePath())
                .main(MetricsWorkload.class.getName())
                .args("deadlock")
                .name("status-page-deadlock")
                .start()) {
            awaitFinding(url + "findings", "\"DEADLOCK\"", app);

            String dom = chromium(out, "dom-jdk" + jdk.version(), "--dump-dom", url);
            chromium(out, "screenshot-jdk" + jdk.version(), "--screenshot=" + out.resolve("status-page-jdk" + jdk.version() + ".png"),
                    "--window-size=1280,1400", "--hide-scrollbars", url);

            assertThat(dom).contains("<title>threadhound: ");
            int findings = dom.indexOf("id=\"findings\"");
            assertThat(findings).as("findings section").isPositive()
                    .isLessThan(dom.indexOf("id=\"executors\"")).isLessThan(dom.indexOf("id=\"locks\""));
            String deadlock = article(dom, "DEADLOCK");
            assertThat(deadlock)
                    .contains("CRITICAL", "transfer-a-to-b", "transfer-b-to-a")
                    .contains("<h5>Stack</h5><pre>")
                    // frames in StackTraceElement.toString() form, which may carry a loader prefix ("app//")
                    .containsPattern("<pre>at (app//)?dev\\.threadhound\\.samples\\.e2e\\.MetricsWorkload\\.lockBoth\\(MetricsWorkload\\.java:\\d+\\)")
                    .contains("<h5>Created at</h5><pre>")
                    .containsPattern("at (app//)?dev\\.threadhound\\.samples\\.e2e\\.MetricsWorkload\\.deadlock\\(MetricsWorkload\\.java:\\d+\\)");
            assertThat(Files.size(out.resolve("status-page-jdk" + jdk.version() + ".png"))).isGreaterThan(10_000);
        }
    }

    /** The finding article of one type, from its opening tag to its end. */
    private static String article(String dom, String type) {
        int typeAt = dom.indexOf("<span class=\"type\">" + type + "</span>");
        assertThat(typeAt).as("a " + type + " finding on the page:\n" + dom).isPositive();
        int start = dom.lastIndexOf("<article", typeAt);
        int end = dom.indexOf("</article>", typeAt);
        return dom.substring(start, end);
    }

    private static void awaitFinding(String url, String text, ChildJvm app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = MetricsTools.awaitHttp(url, Duration.ofSeconds(30), app);
            if (body.contains(text)) {
                return;
            }
            MetricsTools.sleep(200);
        }
        throw new AssertionError("no " + text + " in " + url + " after 60 s:\n" + body + "\n" + app.output());
    }

    /** Runs headless Chromium once with a fresh profile; returns what it printed on stdout. */
    private static String chromium(Path out, String tag, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("threadhound-chromium-");
        Path stdout = out.resolve("chromium-" + tag + ".out");
        Path stderr = out.resolve("chromium-" + tag + ".err");
        List<String> command = new ArrayList<>(List.of(MetricsTools.require("chromium"),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("chromium still running after 90 s:\n" + Files.readString(stderr));
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr:\n" + Files.readString(stderr)).isZero();
        deleteTree(profile);
        return Files.readString(stdout);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
