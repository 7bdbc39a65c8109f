package dev.threadhound.junit;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Idle pool workers that tests started, judged when the outermost test class ends. Without the agent a check
 * cannot tell a pool the test leaked from one set up in {@code @BeforeAll} and shut down in {@code @AfterAll}:
 * both leave a new worker waiting for work after the test. A worker still alive once the class is over belongs
 * to a pool nobody shut down.
 *
 * <p>JUnit closes what its store holds when the class ends, after {@code @AfterAll}, and reports what the close
 * throws as the class's failure: releases before 5.13 close a {@code CloseableResource}, later ones an
 * {@code AutoCloseable}, once.
 */
@SuppressWarnings("deprecation")
final class IdleWorkersAtClassEnd implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final long PAUSE_MS = 50;

    private record Suspect(String test, Finding finding) {
        long threadId() {
            return finding.threads().get(0).id();
        }
    }

    private final String subject;
    private final List<Suspect> suspects = new ArrayList<>();
    private Duration linger = Duration.ZERO;

    IdleWorkersAtClassEnd(String subject) {
        this.subject = subject;
    }

    /** Called by the checks of tests that may run in parallel. */
    synchronized void add(String test, List<Leaks.Leak> idleWorkers, Duration testLinger) {
        idleWorkers.forEach(w -> suspects.add(new Suspect(test, w.finding())));
        if (testLinger.compareTo(linger) > 0) {
            linger = testLinger;
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (suspects.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + linger.toNanos();
        List<Suspect> alive = stillAlive();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(PAUSE_MS);
            alive = stillAlive();
        }
        if (alive.isEmpty()) {
            return;
        }
        List<Finding> findings = alive.stream().map(IdleWorkersAtClassEnd::finding).toList();
        alive.forEach(s -> Reported.addThread(s.threadId()));
        throw new AssertionError(LeakReport.text(subject, findings, new Leaks(List.of(), List.of(), 0),
                linger.toMillis(), false));
    }

    private List<Suspect> stillAlive() {
        Set<Long> live = new JvmThreadSource().take().threads().stream().map(ThreadRecord::id)
                .collect(Collectors.toSet());
        return suspects.stream().filter(s -> live.contains(s.threadId()) && !Reported.thread(s.threadId())).toList();
    }

    private static Finding finding(Suspect s) {
        FindingThread t = s.finding().threads().get(0);
        String summary = "thread " + t.name() + " started during " + s.test() + " is an idle pool worker still alive "
                + "after the class ended: its executor was never shut down";
        return Finding.of(FindingType.LEAKED_THREAD, Severity.CRITICAL, summary).threads(List.of(t)).build();
    }
}
