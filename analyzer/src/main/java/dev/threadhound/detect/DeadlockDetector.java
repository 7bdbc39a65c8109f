package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code DEADLOCK}: threads each waiting for a lock (a monitor or an ownable synchronizer such as
 * {@code ReentrantLock}) that the next one holds. Such a cycle never resolves by itself, so it is reported at once.
 * A thread waits for at most one owner, so the wait-for graph has at most one edge per thread and each cycle is
 * found by following edges from every thread. A thread that holds what it waits for is a deadlock of its own: a
 * reader of a {@code ReentrantReadWriteLock} waiting for its write lock (the agent names such a thread its own
 * owner), one finding per lock however many readers try it.
 */
public final class DeadlockDetector implements Detector {

    private static final String READ_WRITE_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock$";
    private static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock$";

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        // Only a thread that waits for an owner can be in a cycle, and every thread in one does: the others are
        // left out before anything is sorted or looked up.
        Map<Long, ThreadRecord> byId = new HashMap<>();
        for (ThreadRecord t : ThreadSubsets.of(snapshot).owned()) {
            if (waitsForAnOwner(t)) {
                byId.putIfAbsent(t.id(), t);
            }
        }
        Set<Long> done = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        List<Long> ids = byId.keySet().stream().sorted().toList();
        for (long start : ids) {
            // The path so far in order, so that meeting a thread already on it closes a cycle.
            LinkedHashMap<Long, ThreadRecord> path = new LinkedHashMap<>();
            ThreadRecord current = byId.get(start);
            while (current != null && !done.contains(current.id()) && !path.containsKey(current.id())) {
                path.put(current.id(), current);
                current = waitsFor(current, byId);
            }
            if (current != null && path.containsKey(current.id())) {
                findings.add(finding(cycleFrom(path, current.id())));
            }
            done.addAll(path.keySet());
        }
        findings.addAll(upgrades(snapshot));
        findings.addAll(retaken(snapshot, options));
        findings.sort(Comparator.comparing(f -> f.threads().get(0).id()));
        return findings;
    }

    /**
     * The readers waiting for the write lock of the read-write lock they hold, one finding per lock. Only a
     * read-write lock's: a thread named its own owner on anything else is a read that raced with the thread (a
     * carrier of virtual threads found waiting on itself by JDK 25), no deadlock.
     */
    private static List<Finding> upgrades(Snapshot snapshot) {
        Map<String, List<ThreadRecord>> byLock = new LinkedHashMap<>();
        for (ThreadRecord t : ThreadSubsets.of(snapshot).owned()) {
            if (t.blockedOn() != null && t.ownerId() == t.id() && t.waiting()
                    && t.blockedOn().startsWith(READ_WRITE_LOCK)) {
                byLock.computeIfAbsent(t.blockedOn(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byLock.forEach((lock, readers) -> {
            readers.sort(Comparator.comparingLong(ThreadRecord::id));
            // where they wait, from the first whose stack this snapshot took
            ThreadRecord first = readers.stream().filter(t -> !t.stack().isEmpty()).findFirst().orElse(readers.get(0));
            List<String> names = readers.stream().map(Phrases::name).toList();
            String who = readers.size() == 1 ? "thread " + names.get(0) + " waits"
                    : "threads " + Phrases.names(names, names.size()) + " each wait";
            String summary = "deadlock: " + who
                    + Phrases.applicationSite(first.stack())
                    + " for the write lock of " + Frames.shortIdentity(lock) + " while holding its read lock: a"
                    + " ReentrantReadWriteLock never turns a read lock into a write lock, release the read lock first";
            findings.add(Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, summary)
                    .threads(readers.stream().map(FindingThread::of).toList())
                    .cycle(names)
                    .build());
        });
        return findings;
    }

    /**
     * A thread parked on a lock that names it as its owner, and that has not moved for {@code stuckAfter}: it holds a
     * lock that is not reentrant (a mutex of the application's own on {@code AbstractQueuedSynchronizer}) and asked
     * for it again, and waits for itself for good. The JDK's reentrant locks grant it at once, and a read-write
     * lock's is an upgrade ({@link #upgrades}); a thread read as its own owner for less than {@code stuckAfter} is a
     * read that raced with it, which JDK 25 makes of a carrier of virtual threads several times a second.
     */
    private static List<Finding> retaken(Snapshot snapshot, DetectOptions options) {
        List<Finding> findings = new ArrayList<>();
        for (ThreadRecord t : ThreadSubsets.of(snapshot).owned()) {
            if (t.ownerId() == t.id() && "WAITING".equals(t.state()) && t.blockedOn() != null
                    && !t.blockedOn().startsWith(READ_WRITE_LOCK) && !t.blockedOn().startsWith(REENTRANT_LOCK)
                    && !SiteGroups.blockerType(t.blockedOn()).endsWith("Thread")
                    && Stall.stuck(snapshot, t, options)) {
                String summary = "deadlock: thread " + Phrases.name(t) + " waits"
                        + Phrases.applicationSite(pastTheLock(t.stack(), SiteGroups.blockerType(t.blockedOn())))
                        + " for " + Frames.shortIdentity(t.blockedOn()) + ", which it holds itself: the lock is not"
                        + " reentrant, and its holder asking for it again waits for good (take it once)";
                findings.add(Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, summary)
                        .threads(List.of(FindingThread.of(t)))
                        .cycle(List.of(Phrases.name(t)))
                        .build());
            }
        }
        return findings;
    }

    /**
     * The stack from the caller of the lock on: past the frames of the lock's own class, and of the class a
     * {@code Sync} is the inner class of ({@code Mutex.lock} calling {@code Mutex$Sync.acquire}), so that the site
     * is where the lock was asked for again.
     */
    private static List<String> pastTheLock(List<String> stack, String lockType) {
        int dollar = lockType.lastIndexOf('$');
        String outer = dollar > 0 && lockType.endsWith("Sync") ? lockType.substring(0, dollar) : lockType;
        int last = -1;
        for (int i = 0; i < stack.size(); i++) {
            String type = Frames.className(stack.get(i));
            if (type.equals(lockType) || type.equals(outer)) {
                last = i;
            }
        }
        return stack.subList(last + 1, stack.size());
    }

    /** The owner this thread waits for, when it is blocked or waiting on an owned lock; never itself. */
    private static ThreadRecord waitsFor(ThreadRecord t, Map<Long, ThreadRecord> byId) {
        return waitsForAnOwner(t) ? byId.get(t.ownerId()) : null;
    }

    private static boolean waitsForAnOwner(ThreadRecord t) {
        return t.blockedOn() != null && t.ownerId() >= 0 && t.ownerId() != t.id() && t.waiting();
    }

    /** The cycle's threads in wait order, starting from the lowest id so a cycle reads the same every time. */
    private static List<ThreadRecord> cycleFrom(LinkedHashMap<Long, ThreadRecord> path, long entry) {
        List<ThreadRecord> cycle = new ArrayList<>();
        boolean inCycle = false;
        for (ThreadRecord t : path.values()) {
            inCycle |= t.id() == entry;
            if (inCycle) {
                cycle.add(t);
            }
        }
        int lowest = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i).id() < cycle.get(lowest).id()) {
                lowest = i;
            }
        }
        List<ThreadRecord> rotated = new ArrayList<>(cycle.subList(lowest, cycle.size()));
        rotated.addAll(cycle.subList(0, lowest));
        return rotated;
    }

    private static Finding finding(List<ThreadRecord> cycle) {
        StringBuilder summary = new StringBuilder("deadlock: ");
        List<FindingThread> threads = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            ThreadRecord t = cycle.get(i);
            ThreadRecord owner = cycle.get((i + 1) % cycle.size());
            summary.append(i == 0 ? Phrases.name(t) : ", which").append(" waits").append(Phrases.applicationSite(t.stack()))
                    .append(" for ").append(t.blockedOn()).append(" held by ").append(Phrases.name(owner));
            threads.add(withOwner(t, owner));
        }
        // virtual threads are mostly unnamed: "#id" tells them apart
        return Finding.of(FindingType.DEADLOCK, Severity.CRITICAL, summary.toString())
                .threads(threads)
                .cycle(cycle.stream().map(Phrases::name).toList())
                .build();
    }

    /** Sources that know the owner's id but not its name still show who holds the lock. */
    private static FindingThread withOwner(ThreadRecord t, ThreadRecord owner) {
        FindingThread shown = FindingThread.of(t);
        return shown.ownedBy() != null && !shown.ownedBy().isEmpty() ? shown : new FindingThread(shown.name(), shown.id(),
                shown.virtual(), shown.state(), shown.blockedOn(), Phrases.name(owner), shown.stack(), shown.createdAt());
    }
}
