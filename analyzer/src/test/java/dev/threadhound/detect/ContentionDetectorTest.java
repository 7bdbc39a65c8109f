package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContentionDetectorTest {

    private static final List<String> SITE = List.of("com.acme.Ledger.post(Ledger.java:42)", "com.acme.Api.pay(Api.java:7)");

    @Test
    void aLockWaitedOnLongEnoughIsAFindingWithItsEvidence() {
        ThreadRecord blocked = ThreadRecord.of(31, "worker-1", "BLOCKED", List.of(SITE.get(0), SITE.get(1)));
        ThreadRecord running = ThreadRecord.of(32, "worker-2", "RUNNABLE", List.of(SITE.get(0)));
        Snapshot s = snapshot(List.of(blocked, running), new ContentionRecord("com.acme.Ledger", "monitor", SITE, 3_200, 412, 8));

        List<Finding> findings = new ContentionDetector().detect(s, DetectOptions.defaults());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.CONTENTION);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.lock()).isEqualTo("com.acme.Ledger");
            assertThat(f.site()).isEqualTo(SITE);
            assertThat(f.durationMs()).isEqualTo(3_200);
            assertThat(f.count()).isEqualTo(412);
            assertThat(f.threadCount()).isEqualTo(8);
            assertThat(f.summary()).isEqualTo("8 threads waited 3.2 s in total for the monitor of com.acme.Ledger at com.acme.Ledger.post(Ledger.java:42) (412 waits)");
            assertThat(f.threads()).extracting(t -> t.name()).containsExactly("worker-1");
        });
    }

    @Test
    void oneLibraryMethodContendedFromTwoCallsReadsAsTwoCalls() {
        // MapDB 3.1: four writers on an HTreeMap's segment locks, from two lines of the application
        List<String> first = List.of("org.mapdb.HTreeMap.put(HTreeMap.java:1384)", "com.acme.Cache.fill(Cache.java:22)");
        List<String> second = List.of("org.mapdb.HTreeMap.put(HTreeMap.java:1384)", "com.acme.Cache.fill(Cache.java:23)");
        Snapshot s = snapshot(List.of(),
                new ContentionRecord("java.util.concurrent.locks.ReentrantReadWriteLock", "park", first, 10_200, 195, 4),
                new ContentionRecord("java.util.concurrent.locks.ReentrantReadWriteLock", "park", second, 4_400, 120, 4));

        assertThat(new ContentionDetector().detect(s, DetectOptions.defaults())).extracting(Finding::summary).containsExactly(
                "4 threads waited 10.2 s in total for the lock java.util.concurrent.locks.ReentrantReadWriteLock at"
                        + " org.mapdb.HTreeMap.put(HTreeMap.java:1384) via Cache.fill(Cache.java:22) (195 waits)",
                "4 threads waited 4.4 s in total for the lock java.util.concurrent.locks.ReentrantReadWriteLock at"
                        + " org.mapdb.HTreeMap.put(HTreeMap.java:1384) via Cache.fill(Cache.java:23) (120 waits)");
    }

    @Test
    void smallTotalsAreInfoAndTotalsBelowTheMinimumAreNoFinding() {
        Snapshot s = snapshot(List.of(),
                new ContentionRecord("java.util.concurrent.locks.ReentrantLock", "park", SITE, 600, 20, 2),
                new ContentionRecord("com.acme.Quiet", "monitor", SITE, 499, 20, 2));

        List<Finding> findings = new ContentionDetector().detect(s, DetectOptions.defaults());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.lock()).isEqualTo("java.util.concurrent.locks.ReentrantLock");
        });
    }

    @Test
    void waitsOnlyTheJvmsAndThreadhoundsOwnThreadsMadeAreNoFindingButOneApplicationThreadAmongThemIs() {
        // seen on JDK 25 in CI: JFR's periodic-task thread waited 584 ms for the recorder while the agent's own
        // recording rotated a chunk
        List<String> jfrSite = List.of("jdk.jfr/jdk.jfr.internal.PlatformRecorder.periodicTask(PlatformRecorder.java:495)");
        ThreadRecord periodic = ThreadRecord.of(34, "JFR Periodic Tasks", "TIMED_WAITING", jfrSite);
        ThreadRecord ticker = ThreadRecord.of(35, "threadhound-ticker", "TIMED_WAITING", List.of());
        ThreadRecord worker = ThreadRecord.of(36, "worker-1", "RUNNABLE", SITE);
        ContentionRecord jvmOnly = new ContentionRecord("jdk.jfr.internal.PlatformRecorder", "monitor", jfrSite,
                584, 1, 2, List.of(34L, 35L));
        ContentionRecord withTheApplication = new ContentionRecord("com.acme.Ledger", "monitor", SITE,
                584, 1, 2, List.of(34L, 36L));
        ContentionRecord byAThreadNowGone = new ContentionRecord("com.acme.Journal", "monitor", SITE,
                584, 1, 1, List.of(99L));

        List<Finding> findings = new ContentionDetector().detect(
                snapshot(List.of(periodic, ticker, worker), jvmOnly, withTheApplication, byAThreadNowGone),
                DetectOptions.defaults());

        assertThat(findings).extracting(Finding::lock).containsExactlyInAnyOrder("com.acme.Ledger", "com.acme.Journal");
    }

    @Test
    void threadsLoadingClassesAreNoFindingButALoaderLockingItselfForEveryClassIs() {
        // seen on JDK 25 with forty JVMs on two cores: fifteen Netty event loops needed the same class at once
        List<String> loading = List.of("java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:490)",
                "io.netty.channel.AbstractChannel$AbstractUnsafe.deregister(AbstractChannel.java:802)");
        List<String> builtin = List.of(
                "java.base/jdk.internal.loader.BuiltinClassLoader.loadClassOrNull(BuiltinClassLoader.java:631)",
                "java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:639)");
        List<String> legacy = List.of("java.base/java.lang.ClassLoader.loadClass(ClassLoader.java:490)",
                "com.acme.PluginLoader.loadClass(PluginLoader.java:33)");
        ContentionRecord sameClass = new ContentionRecord("java.lang.Object", "monitor", loading, 2_495, 15, 15);
        ContentionRecord sameClassBuiltin = new ContentionRecord("java.lang.Object", "monitor", builtin, 2_495, 15, 15);
        ContentionRecord everyClass = new ContentionRecord("com.acme.PluginLoader", "monitor", legacy, 2_495, 15, 15);
        // JDK 17: the same event loops waiting for the static initializer of the exception class they all made
        ContentionRecord initializer = new ContentionRecord("[I", "monitor",
                List.of("io.netty.channel.AbstractChannel$AbstractUnsafe.close(AbstractChannel.java:618)"), 5_534, 15, 15);

        // OkHttp's first call, reading its classes from its jar while another thread did
        ContentionRecord jar = new ContentionRecord("java.util.jar.JarFile", "monitor",
                List.of("java.base/java.util.zip.ZipFile.getEntry(ZipFile.java:337)",
                        "java.base/java.util.jar.JarFile.getEntry(JarFile.java:518)"), 717, 1, 1);

        List<Finding> findings = new ContentionDetector().detect(snapshot(List.of(), sameClass, sameClassBuiltin,
                everyClass, initializer, jar), DetectOptions.defaults());

        assertThat(findings).extracting(Finding::lock).containsExactly("com.acme.PluginLoader");
    }

    @Test
    void theOverflowKeyIsNoLock() {
        Snapshot s = snapshot(List.of(), new ContentionRecord("other", "park", List.of(), 60_000, 9_000, 40));

        assertThat(new ContentionDetector().detect(s, DetectOptions.defaults())).isEmpty();
    }

    @Test
    void theThreadsARecordNamesAreListedEvenWhenNoneWaitsRightNow() {
        ThreadRecord w1 = ThreadRecord.of(31, "worker-1", "RUNNABLE", List.of("com.acme.Api.pay(Api.java:7)"));
        ThreadRecord w2 = ThreadRecord.of(32, "worker-2", "RUNNABLE", List.of("com.acme.Api.pay(Api.java:7)"));
        Snapshot s = snapshot(List.of(w1, w2),
                new ContentionRecord("com.acme.Ledger", "monitor", SITE, 3_200, 412, 2, List.of(31L, 32L)));

        assertThat(new ContentionDetector().detect(s, DetectOptions.defaults())).singleElement()
                .satisfies(f -> assertThat(f.threads()).extracting(t -> t.name()).containsExactly("worker-1", "worker-2"));
    }

    @Test
    void threadsWaitingForALockOfTheRecordsClassAreListedWhateverTheirFrames() {
        ThreadRecord parked = ThreadRecord.of(33, "worker-3", "WAITING", Stacks.REENTRANT_LOCK)
                .withLock("java.util.concurrent.locks.ReentrantLock$NonfairSync@1f", 34, "worker-4");
        Snapshot s = snapshot(List.of(parked), new ContentionRecord("java.util.concurrent.locks.ReentrantLock", "park",
                List.of("org.lib.Cache.get(Cache.java:88)"), 3_200, 412, 2));

        assertThat(new ContentionDetector().detect(s, DetectOptions.defaults())).singleElement()
                .satisfies(f -> assertThat(f.threads()).extracting(t -> t.name()).containsExactly("worker-3"));
    }

    @Test
    void forAPlainObjectMonitorThreadsInObjectWaitAndTheAgentsOwnAreNotListed() {
        List<String> enqueue = List.of(
                "app//org.apache.logging.log4j.core.async.AsyncLoggerDisruptor.enqueueLogMessageWhenQueueFull(AsyncLoggerDisruptor.java:274)",
                "app//com.acme.Orders.place(Orders.java:40)");
        ThreadRecord blocked = ThreadRecord.of(41, "request-1", "BLOCKED", enqueue).withLock("java.lang.Object@3a", 42, "request-2");
        ThreadRecord jfr = ThreadRecord.of(7, "threadhound-jfr", "WAITING", List.of("java.base/java.lang.Object.wait(Native Method)",
                "java.base/jdk.jfr.internal.consumer.RepositoryFiles.waitObject(RepositoryFiles.java:97)")).withLock("java.lang.Object@9f", -1, null);
        ThreadRecord notified = ThreadRecord.of(43, "batcher", "TIMED_WAITING", List.of("java.base/java.lang.Object.wait(Native Method)",
                "app//com.acme.Batcher.next(Batcher.java:20)")).withLock("java.lang.Object@51", -1, null);
        Snapshot s = snapshot(List.of(blocked, jfr, notified), new ContentionRecord("java.lang.Object", "monitor",
                List.of(enqueue.get(0)), 3_100, 40, 3));

        assertThat(new ContentionDetector().detect(s, DetectOptions.defaults())).singleElement()
                .satisfies(f -> assertThat(f.threads()).extracting(t -> t.name()).containsExactly("request-1"));
    }

    private static final List<String> APPEND = List.of(
            "java.base/java.lang.StringBuffer.append(StringBuffer.java:312)",
            "app//com.acme.Journal.record(Journal.java:27)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** Two threads taking turns on one StringBuffer: one is found blocked, on a new wait, at most snapshots. */
    private static ThreadRecord journal(long id, long cycle, boolean blocked) {
        return Timeline.thread(id, "journal-" + id, blocked ? "BLOCKED" : "RUNNABLE", blocked ? APPEND : List.of(),
                blocked ? "java.lang.StringBuffer@5e" : null, cycle * 1_000, 0, cycle * 500_000_000L);
    }

    @Test
    void aMonitorFoundFreshlyWaitedForAtMostSnapshotsIsContentionWithItsThreadsAndSite() {
        Timeline timeline = new Timeline(new ContentionDetector(), DetectOptions.defaults());
        for (int cycle = 0; cycle < 30; cycle++) {
            boolean firstWaits = cycle % 2 == 0;
            timeline.at(cycle * 1_000L, journal(1, cycle, firstWaits && cycle % 3 != 0),
                    journal(2, cycle, !firstWaits && cycle % 3 != 0));
        }

        List<Finding> last = timeline.seen().get(29);
        assertThat(last).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.CONTENTION);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.lock()).isEqualTo("java.lang.StringBuffer");
            assertThat(f.site()).containsExactly(APPEND.get(0), APPEND.get(1), APPEND.get(2));
            assertThat(f.threadCount()).isEqualTo(2);
            assertThat(f.threads()).extracting(t -> t.name()).containsExactlyInAnyOrder("journal-1", "journal-2");
            assertThat(f.summary()).startsWith("2 threads found waiting for the monitor of StringBuffer@5e at"
                    + " StringBuffer.append(StringBuffer.java:312) via Journal.record(Journal.java:27) in 6");
        });
        assertThat(timeline.seen().subList(0, 10)).as("fewer than ten samples are no evidence")
                .allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void aDeadlockedPairBlockedAtEverySnapshotIsNotContention() {
        Timeline timeline = new Timeline(new ContentionDetector(), DetectOptions.defaults());
        for (int cycle = 0; cycle < 40; cycle++) {
            timeline.at(cycle * 1_000L,
                    Timeline.thread(1, "a", "BLOCKED", APPEND, "com.acme.Account@1", 3, 0, 1_000),
                    Timeline.thread(2, "b", "BLOCKED", APPEND, "com.acme.Account@2", 3, 0, 1_000));
        }

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    private static Snapshot snapshot(List<ThreadRecord> threads, ContentionRecord... records) {
        return Snapshot.ofThreads(1_000, threads).withContention(List.of(records), List.of());
    }
}
