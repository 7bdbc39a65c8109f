package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.Severity;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ignore} leaves out: findings at the given frames, not the application's own next to them. */
class IgnoredTest {

    private static final long STUCK = DetectOptions.defaults().stuckAfterMillis();

    /** A library's thread that waits for work in a loop threadhound does not know, and the application's stuck one. */
    private static Snapshot libraryLoopAndApplicationThread() {
        List<String> libraryLoop = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)",
                "app//org.lib.Dispatcher.awaitWork(Dispatcher.java:80)",
                "app//org.lib.Dispatcher.run(Dispatcher.java:41)",
                "java.base/java.lang.Thread.run(Thread.java:1474)");
        return snapshot()
                .thread(thread(31, "lib-dispatcher").waiting().stack(libraryLoop).stalledFor(10 * STUCK))
                .thread(thread(32, "report-writer").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(10 * STUCK))
                .build();
    }

    @Test
    void findingsAtAnIgnoredFrameAreLeftOutAndTheOthersStay() {
        Snapshot s = libraryLoopAndApplicationThread();

        List<Finding> all = Detectors.run(s, DetectOptions.defaults(), Detectors.standard());
        List<Finding> ignoring = Detectors.run(s, DetectOptions.defaults().withIgnore(List.of("org.lib.Dispatcher.run")),
                Detectors.standard());
        List<Finding> ignoringThePackage = Detectors.run(s, DetectOptions.defaults().withIgnore(List.of("org.lib.")),
                Detectors.standard());

        assertThat(all).extracting(f -> f.threads().get(0).name()).containsExactlyInAnyOrder("lib-dispatcher", "report-writer");
        assertThat(ignoring).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.LEAKED_THREAD);
            assertThat(f.threads().get(0).name()).isEqualTo("report-writer");
        });
        assertThat(ignoringThePackage).isEqualTo(ignoring);
    }

    @Test
    void aFindingListingAnApplicationThreadBesideAnIgnoredOneStays() {
        Finding deadlock = Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, "d")
                .threads(List.of(
                        FindingThread.of(thread(1, "lib").blocked()
                                .stack(List.of("app//org.lib.Cache.put(Cache.java:9)")).build()),
                        FindingThread.of(thread(2, "app").blocked()
                                .stack(List.of("app//com.acme.Billing.pay(Billing.java:20)")).build())))
                .build();
        Finding atAnIgnoredSite = Finding.of(FindingType.LEAKED_EXECUTOR, Severity.WARNING, "e")
                .createdAt(List.of("java.base/java.util.concurrent.Executors.newFixedThreadPool(Executors.java:1)",
                        "org.lib.Client.<init>(Client.java:12)", "com.acme.Billing.pay(Billing.java:20)"))
                .build();

        assertThat(Ignored.by(deadlock, List.of("org.lib."))).isFalse();
        assertThat(Ignored.by(atAnIgnoredSite, List.of("org.lib."))).isTrue();
        assertThat(Ignored.by(atAnIgnoredSite, List.of())).isFalse();
    }
}
