package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each stuck thread reported once: a thread in a deadlock cycle belongs to that cycle's finding, and so does a thread
 * blocked behind the cycle (waiting, directly or through others, for a lock a member holds), which the cycle finding
 * names as a victim. What is left of the snapshot without them is what the other detectors look at.
 */
final class CycleClaims {

    private static final Set<FindingType> CYCLES = Set.of(FindingType.DEADLOCK, FindingType.STARVATION_DEADLOCK);

    /** Thread ids in cycles, and each cycle finding's victims. */
    private final Map<Long, Finding> memberOf = new HashMap<>();
    private final Map<Finding, List<ThreadRecord>> victims = new LinkedHashMap<>();

    private CycleClaims() {
    }

    static boolean isCycle(Finding f) {
        return CYCLES.contains(f.type());
    }

    static CycleClaims of(Snapshot snapshot, List<Finding> findings) {
        CycleClaims claims = new CycleClaims();
        for (Finding f : findings) {
            if (isCycle(f)) {
                f.threads().forEach(t -> claims.memberOf.putIfAbsent(t.id(), f));
                claims.victims.put(f, new ArrayList<>());
            }
        }
        if (claims.memberOf.isEmpty()) {
            return claims;
        }
        Map<Long, ThreadRecord> byId = snapshot.threads().stream()
                .collect(Collectors.toMap(ThreadRecord::id, Function.identity(), (a, b) -> a));
        for (ThreadRecord t : snapshot.threads()) {
            if (!claims.memberOf.containsKey(t.id())) {
                Finding cycle = behind(t, byId, claims.memberOf);
                if (cycle != null) {
                    claims.victims.get(cycle).add(t);
                }
            }
        }
        return claims;
    }

    boolean none() {
        return memberOf.isEmpty();
    }

    /**
     * Whether every thread a finding lists is a cycle's member or victim: threads piling up behind a deadlock, new
     * ones arriving all the time, look like contention on its locks in the sampled states, and are the deadlock's.
     */
    boolean claimsAll(List<FindingThread> threads) {
        if (threads.isEmpty() || memberOf.isEmpty()) {
            return false;
        }
        Set<Long> claimed = claimedIds();
        return threads.stream().allMatch(t -> claimed.contains(t.id()));
    }

    /** The snapshot without the cycles' members and victims. */
    Snapshot rest(Snapshot snapshot) {
        Set<Long> claimed = claimedIds();
        return snapshot.withThreads(snapshot.threads().stream().filter(t -> !claimed.contains(t.id())).toList());
    }

    /** The members and victims of every cycle. */
    private Set<Long> claimedIds() {
        Set<Long> claimed = new HashSet<>(memberOf.keySet());
        victims.values().forEach(list -> list.forEach(t -> claimed.add(t.id())));
        return claimed;
    }

    /** The cycle finding with the threads blocked behind it, named in its summary and listed as victims. */
    Finding withVictims(Finding cycle) {
        List<ThreadRecord> behind = victims.getOrDefault(cycle, List.of());
        if (behind.isEmpty()) {
            return cycle;
        }
        String summary = cycle.summary() + "; " + (behind.size() == 1 ? "1 more thread is" : behind.size() + " more threads are")
                + " blocked behind it (" + Phrases.names(StuckSite.names(behind), behind.size()) + ")";
        return new Finding(cycle.type(), cycle.severity(), summary, cycle.threads(), cycle.cycle(), cycle.executor(),
                cycle.createdAt(), cycle.submittedAt(), cycle.durationMs(), cycle.state(), cycle.count(), cycle.lock(),
                cycle.site(), cycle.threadCount(), cycle.queued(), cycle.active(), cycle.max(), cycle.lockOrder(),
                behind.stream().map(FindingThread::of).toList(), cycle.proven(), cycle.keptBy(), cycle.exception(),
                cycle.at());
    }

    /** The cycle this thread waits on through a chain of lock owners, or null. */
    private static Finding behind(ThreadRecord t, Map<Long, ThreadRecord> byId, Map<Long, Finding> memberOf) {
        Set<Long> seen = new HashSet<>();
        ThreadRecord current = t;
        while (current != null && current.waiting() && current.ownerId() >= 0 && seen.add(current.id())) {
            Finding cycle = memberOf.get(current.ownerId());
            if (cycle != null) {
                return cycle;
            }
            current = byId.get(current.ownerId());
        }
        return null;
    }
}
