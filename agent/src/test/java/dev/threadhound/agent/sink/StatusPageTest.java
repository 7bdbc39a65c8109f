package dev.threadhound.agent.sink;

import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPageTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void showsFindingsFirstThenExecutorsThreadsAndLocks() {
        String html = StatusPage.render(SinkFixtures.smallSnapshot(), SinkFixtures.findings(), NOW);

        assertThat(html.indexOf("id=\"findings\""))
                .isLessThan(html.indexOf("id=\"executors\""));
        assertThat(html.indexOf("id=\"executors\"")).isLessThan(html.indexOf("id=\"threads\""));
        assertThat(html.indexOf("id=\"threads\"")).isLessThan(html.indexOf("id=\"locks\""));
    }

    @Test
    void eachFindingCarriesItsThreadsStacksAndCreationSites() {
        String html = StatusPage.render(SinkFixtures.smallSnapshot(), SinkFixtures.findings(), NOW);

        String deadlock = html.substring(html.indexOf("id=\"finding-1\""), html.indexOf("id=\"finding-2\""));
        assertThat(deadlock)
                .contains("CRITICAL", "DEADLOCK", "worker-1 \u2192 worker-2 \u2192 worker-1")
                .contains("<h5>Stack</h5><pre>at com.acme.Ledger.transfer(Ledger.java:42)\nat com.acme.Bank.pay(Bank.java:7)\n</pre>")
                .contains("<h5>Created at</h5><pre>at com.acme.Server.start(Server.java:17)\n</pre>")
                .contains("owned by &quot;worker-2&quot;");
        String leakedTask = html.substring(html.indexOf("id=\"finding-2\""));
        assertThat(leakedTask).contains("LEAKED_TASK", "<h5>Submitted at</h5><pre>at com.acme.Jobs.submit(Jobs.java:31)",
                "<dt>for</dt><dd>45.0 s</dd>", "<dt>state</dt><dd>QUEUED</dd>");
    }

    @Test
    void escapesEverythingTheJvmSupplies() {
        String html = StatusPage.render(SinkFixtures.smallSnapshot(), SinkFixtures.findings(), NOW);

        // The summary holds "<Ledger>"; it must never reach the page as markup.
        assertThat(html).contains("wait for each other&#39;s &lt;Ledger&gt;").doesNotContain("<Ledger>");
    }

    @Test
    void tablesOfExecutorsAndHottestLocks() {
        String html = StatusPage.render(SinkFixtures.smallSnapshot(), SinkFixtures.findings(), NOW);

        String executors = html.substring(html.indexOf("id=\"executors\""), html.indexOf("id=\"threads\""));
        assertThat(executors).contains("<td>io-</td><td>THREAD_POOL</td><td class=\"num\">4</td><td class=\"num\">3</td>"
                + "<td class=\"num\">4</td><td class=\"num\">7</td>");
        assertThat(executors).contains("<td>Jobs.run:12</td><td>THREAD_PER_TASK</td>").contains("&infin;");
        String locks = html.substring(html.indexOf("id=\"locks\""));
        assertThat(locks).contains("<td>com.acme.Ledger</td><td>monitor</td><td>1.5 s</td><td class=\"num\">30</td>",
                "com.acme.Cache.load(Cache.java:9)");
    }

    @Test
    void saysSoWhenNothingIsWrongAndBeforeTheFirstCycle() {
        assertThat(StatusPage.render(SinkFixtures.smallSnapshot(), List.of(), NOW))
                .contains("<title>threadhound: 0 findings</title>", "No findings");
        assertThat(StatusPage.render(null, List.of(), NOW)).contains("No detector cycle has run yet");
        assertThat(StatusPage.render(Snapshot.ofThreads(SinkFixtures.TAKEN_AT, List.of()), List.of(), NOW))
                .contains("No executors.", "No lock contention");
    }
}
