package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.DeathRecord;
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
    void aProofSaysWhetherTheLeakIsProvenAndWhoKeepsItReachable() {
        Finding proven = Finding.of(FindingType.LEAKED_THREAD, Severity.CRITICAL, "thread handoff-consumer waiting")
                .proven(true).build();
        Finding reachable = Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "thread audit-writer waiting")
                .proven(false).keptBy(List.of("RareEvents.AUDIT", "LinkedBlockingQueue.notEmpty", "ConditionObject"))
                .build();

        String html = StatusPage.render(SinkFixtures.smallSnapshot(), List.of(proven, reachable), NOW);

        assertThat(html.substring(html.indexOf("id=\"finding-1\""), html.indexOf("id=\"finding-2\"")))
                .contains("<dt>proven</dt><dd>yes: nothing that can still run reaches what it waits on</dd>")
                .doesNotContain("kept by");
        assertThat(html.substring(html.indexOf("id=\"finding-2\"")))
                .contains("<dt>proven</dt><dd>no: reachable</dd>")
                .contains("<dt>kept by</dt><dd>RareEvents.AUDIT \u2192 LinkedBlockingQueue.notEmpty \u2192 ConditionObject</dd>");
    }

    @Test
    void listsEveryFindingAtTheTopLinkingToItsEvidence() {
        String html = StatusPage.render(SinkFixtures.smallSnapshot(), SinkFixtures.findings(), NOW);

        String overview = html.substring(html.indexOf("<ol class=\"overview\">"), html.indexOf("</ol>"));
        assertThat(overview).contains("<a href=\"#finding-1\"><span class=\"severity critical\">CRITICAL</span> DEADLOCK</a>",
                "<a href=\"#finding-2\"><span class=\"severity warning\">WARNING</span> LEAKED_TASK</a>");
        assertThat(html.indexOf("<ol class=\"overview\">")).isLessThan(html.indexOf("id=\"finding-1\""));
    }

    @Test
    void threadsWithTheSameStackAndCreationSiteAreShownOnce() {
        List<String> stack = List.of("java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
                "com.acme.Poller.run(Poller.java:12)");
        List<String> created = List.of("com.acme.Poller.start(Poller.java:30)");
        List<FindingThread> threads = new java.util.ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            threads.add(new FindingThread("poller-" + i, 100 + i, false, "WAITING", null, null, stack, created));
        }
        threads.add(new FindingThread("odd-one", 200, false, "WAITING", null, null, List.of("com.acme.Odd.run(Odd.java:1)"), created));
        Finding leak = Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, "41 threads waiting").threads(threads).build();

        String html = StatusPage.render(SinkFixtures.smallSnapshot(), List.of(leak), NOW);

        assertThat(html.split("at com.acme.Poller.run\\(Poller.java:12\\)", -1)).hasSize(2);
        assertThat(html).contains("&quot;poller-1&quot; #101 WAITING", "&quot;odd-one&quot; #200 WAITING",
                "<p class=\"same\">39 more threads with the same stack and creation site: poller-2, poller-3,",
                "poller-31, &hellip;</p>").doesNotContain("poller-32");
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
    void theExecutorTableShowsTheApplicationFrameThatCreatedIt() {
        assertThat(HtmlText.applicationFrame(List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.<init>(ThreadPoolExecutor.java:1312)",
                "java.base/java.util.concurrent.Executors.newSingleThreadExecutor(Executors.java:175)",
                "app//com.acme.Reports.schedule(Reports.java:97)")))
                .isEqualTo("app//com.acme.Reports.schedule(Reports.java:97)");
        assertThat(HtmlText.applicationFrame(List.of("java.lang.Thread.run(Thread.java:840)")))
                .isEqualTo("java.lang.Thread.run(Thread.java:840)");
        assertThat(HtmlText.applicationFrame(List.of())).isEmpty();
    }

    @Test
    void saysSoWhenNothingIsWrongAndBeforeTheFirstCycle() {
        assertThat(StatusPage.render(SinkFixtures.smallSnapshot(), List.of(), NOW))
                .contains("<title>threadhound: 0 findings</title>", "No findings");
        assertThat(StatusPage.render(null, List.of(), NOW)).contains("No detector cycle has run yet");
        assertThat(StatusPage.render(Snapshot.ofThreads(SinkFixtures.TAKEN_AT, List.of()), List.of(), NOW))
                .contains("No executors.", "No lock contention");
    }

    @Test
    void aThreadThatDiedShowsItsExceptionWhereItWasThrownAndInTheDeathsTable() {
        List<String> thrownAt = List.of("com.acme.Sink.write(Sink.java:31)", "com.acme.Sink.run(Sink.java:22)");
        DeathRecord death = new DeathRecord(40, "sink", true, null, List.of("com.acme.Pipeline.start(Pipeline.java:30)"),
                1, "java.lang.NullPointerException: <no line>", thrownAt, SinkFixtures.TAKEN_AT - 3_000, List.of());
        Finding died = Finding.of(FindingType.THREAD_DIED, Severity.INFO, "thread sink died of NullPointerException")
                .exception(death.exception()).at(thrownAt).count(1).build();
        Snapshot snapshot = SinkFixtures.smallSnapshot().withDeaths(List.of(death));

        String html = StatusPage.render(snapshot, List.of(died), NOW);

        assertThat(html).contains("<dt>exception</dt><dd>java.lang.NullPointerException: &lt;no line&gt;</dd>",
                "<h5>Thrown at</h5><pre>at com.acme.Sink.write(Sink.java:31)\nat com.acme.Sink.run(Sink.java:22)\n</pre>");
        String deaths = html.substring(html.indexOf("id=\"deaths\""));
        assertThat(deaths).contains("Threads that died (1)", "<td>sink (daemon)</td>", "3.0 s ago",
                "<td>com.acme.Sink.write(Sink.java:31)</td>", "<td>com.acme.Pipeline.start(Pipeline.java:30)</td>");
    }

    @Test
    void theThreadsBlockedBehindADeadlockAreShownUnderIt() {
        FindingThread victim = new FindingThread("auditor", 23, false, "BLOCKED", "com.acme.Ledger@1b6d3586", "worker-1",
                List.of("com.acme.Audit.check(Audit.java:12)"), List.of());
        Finding d = SinkFixtures.deadlock();
        Finding withVictim = new Finding(d.type(), d.severity(), d.summary(), d.threads(), d.cycle(), null, null, null,
                null, null, null, null, null, null, null, null, null, null, List.of(victim), null, null, null, null);

        String html = StatusPage.render(SinkFixtures.smallSnapshot(), List.of(withVictim), NOW);

        assertThat(html.substring(html.indexOf("Blocked behind it (1)"))).contains("&quot;auditor&quot; #23 BLOCKED",
                "at com.acme.Audit.check(Audit.java:12)");
    }
}
