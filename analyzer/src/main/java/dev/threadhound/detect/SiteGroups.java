package dev.threadhound.detect;

import dev.threadhound.model.FilledList;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stuck threads grouped by {@link StuckSite}, idle ones left out, one group per site whatever the number of
 * threads. A source may not have taken every thread's stack (the live agent takes a budgeted number per cycle):
 * a thread without one joins the group of threads that look the same, started at the same site and waiting in
 * the same state on the same kind of thing, so ten thousand threads stuck at one line stay one finding while
 * their stacks are still being taken. A thread that looks like no thread with a stack keeps a group of its own.
 *
 * <p>Cost: linear in the threads, with the stack analysis (idle or not, the site's frames) done once per distinct
 * stack; stacks and sites are told apart by identity first, as the agent shares one list per distinct stack.
 */
final class SiteGroups {

    /** Threads stuck at one site; {@code representative} is the longest stuck one with a stack, if any has one. */
    record Group(StuckSite site, ThreadRecord representative, List<ThreadRecord> threads) {
    }

    /** What a source knows of a thread without its stack. */
    private record Likeness(int createdAt, String state, String blockerType, boolean virtual) {
    }

    private static final class Members {
        final StuckSite site;
        final boolean idle;
        /** Filled in chunks: grown a thread at a time, a list of ten thousand made three times its size in garbage. */
        final FilledList.Filler<ThreadRecord> threads = FilledList.filler(0);
        long lowestId = Long.MAX_VALUE;

        Members(StuckSite site, boolean idle) {
            this.site = site;
            this.idle = idle;
        }

        void add(ThreadRecord t) {
            threads.add(t);
            lowestId = Math.min(lowestId, t.id());
        }
    }

    /** What one distinct stack says: its site frames (as an id) and whether a thread there is idle by design. */
    private record StackFacts(List<String> frames, int framesId, boolean idle) {
    }

    /** Threads of a site looked at to learn what its threads look like. */
    private static final int SAMPLED = 64;

    private final ListIds ids = new ListIds();
    private final Map<Long, StackFacts> facts = new HashMap<>();
    private final Map<Long, Members> bySite = new LinkedHashMap<>();

    private SiteGroups() {
    }

    /** The application's stuck threads among {@code threads} (all stuck already), by site, in encounter order. */
    static List<Group> of(Collection<ThreadRecord> threads) {
        return new SiteGroups().group(threads);
    }

    private List<Group> group(Collection<ThreadRecord> threads) {
        // in chunks: a hundred thousand virtual threads, most without a stack of their own, grew a list of them a
        // thread at a time into three times its size in garbage every cycle
        FilledList.Filler<ThreadRecord> stackless = FilledList.filler(0);
        ThreadRecord previous = null;
        Members previousSite = null;
        for (ThreadRecord t : threads) {
            if (t.stack().isEmpty()) {
                stackless.add(t);
                continue;
            }
            // alike threads come in runs: the same stack and creation site as the thread before is the same site
            if (previous == null || t.stack() != previous.stack() || t.createdAt() != previous.createdAt()
                    || t.virtual() != previous.virtual()) {
                StackFacts f = facts(t);
                int createdAt = ids.of(t.createdAt());
                previousSite = bySite.computeIfAbsent(key(f.framesId(), createdAt),
                        k -> new Members(new StuckSite(f.frames(), t.createdAt()), f.idle()));
            }
            previousSite.add(t);
            previous = t;
        }
        Map<Likeness, Members> likely = stackless.size() == 0 ? Map.of() : likelySites();
        previous = null;
        for (ThreadRecord t : stackless.list()) {
            // alike threads come in runs here too: the same site, state and blocker as the thread before go where it
            // went (or nowhere, if it was idle), with no likeness made and looked up for each
            if (previous == null || !sameLikeness(t, previous)) {
                previousSite = likelySite(t, likely);
            }
            previous = t;
            if (previousSite != null) {
                previousSite.add(t);
            }
        }
        return groups(bySite.values());
    }

    /**
     * One group per stuck place and per method that started the threads: a library's pool starts its threads along
     * several paths of its own (Jetty's from its own threads as it grows, and from the server's start) and runs work
     * along several (a reserved thread, a pool thread), and twelve requests stuck on one line of a handler were four
     * findings, told apart only by who started each thread and the pool's frames below the handler. The place is the
     * stack down to the first application frame and the caller outside its library: waits at one line of a library
     * for different callers stay apart. How the JDK waits, at the top, is not part of it: a socket read with no
     * timeout blocks in {@code read0} or polls without end, as the connect made the socket.
     */
    private static List<Group> groups(Collection<Members> sites) {
        // in encounter order: a site without frames or a known starter is a group of its own, keyed by itself
        Map<Object, List<Members>> byPlace = new LinkedHashMap<>();
        for (Members m : sites) {
            if (m.idle) {
                continue;
            }
            String startedIn = Frames.firstApplicationFrame(m.site.createdAt()).orElse(null);
            List<String> frames = m.site.frames();
            int app = Frames.firstApplicationIndex(frames);
            Object place = m;
            if (app >= 0 && startedIn != null) {
                List<String> key = new ArrayList<>(frames.subList(pastTheJdksWait(frames, app), app + 1));
                key.add(CreationSites.callerOutside(frames, app));
                key.add(startedIn);
                place = key;
            }
            byPlace.computeIfAbsent(place, k -> new ArrayList<>()).add(m);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Members> same : byPlace.values()) {
            List<ThreadRecord> threads = same.get(0).threads.list();
            if (same.size() > 1) {
                threads = new ArrayList<>();
                for (Members m : same) {
                    threads.addAll(m.threads.list());
                }
            }
            groups.add(new Group(same.get(0).site, representative(threads), threads));
        }
        return groups;
    }

    /** Where a stackless thread goes: the likely site of threads alike, else a site of its own; null if it is idle. */
    private Members likelySite(ThreadRecord t, Map<Likeness, Members> likely) {
        Members alike = t.createdAt().isEmpty() ? null : likely.get(likeness(t));
        if (alike != null) {
            return alike;
        }
        // nothing alike has a stack: judged on what it waits on, at a site of its own
        if (IdleStacks.idle(t.stack(), t.blockedOn())) {
            return null;
        }
        return bySite.computeIfAbsent(key(ids.of(List.of()), ids.of(t.createdAt())),
                k -> new Members(StuckSite.of(t), false));
    }

    /**
     * Whether {@link #likelySite} would read the very same objects of both threads (sources share them among alike
     * threads), and so send both to the same place.
     */
    private static boolean sameLikeness(ThreadRecord t, ThreadRecord other) {
        return t.createdAt() == other.createdAt() && t.state() == other.state() && t.blockedOn() == other.blockedOn()
                && t.virtual() == other.virtual();
    }

    private StackFacts facts(ThreadRecord t) {
        int stackId = ids.of(t.stack());
        return facts.computeIfAbsent(key(stackId, t.virtual() ? 1 : 0), k -> {
            List<String> frames = StuckSite.of(t).frames();
            return new StackFacts(frames, ids.of(frames), IdleStacks.idle(t.stack(), t.blockedOn()));
        });
    }

    /**
     * For each likeness, the site where most threads alike (with a stack) are; on a tie, the lowest thread id. A
     * site's threads are alike but for their state and what they wait on, so the first {@link #SAMPLED} of each site
     * tell its likenesses well enough, whatever the number of its threads.
     */
    private Map<Likeness, Members> likelySites() {
        Map<Likeness, Map<Members, int[]>> counts = new HashMap<>();
        for (Members m : bySite.values()) {
            int weight = Math.max(1, m.threads.size() / Math.min(SAMPLED, m.threads.size()));
            for (int i = 0; i < Math.min(SAMPLED, m.threads.size()); i++) {
                ThreadRecord t = m.threads.get(i);
                counts.computeIfAbsent(likeness(t), k -> new LinkedHashMap<>())
                        .computeIfAbsent(m, s -> new int[1])[0] += weight;
            }
        }
        Map<Likeness, Members> likely = new HashMap<>();
        counts.forEach((likeness, sites) -> {
            Members best = null;
            int most = 0;
            for (Map.Entry<Members, int[]> e : sites.entrySet()) {
                int n = e.getValue()[0];
                if (n > most || (n == most && e.getKey().lowestId < best.lowestId)) {
                    best = e.getKey();
                    most = n;
                }
            }
            likely.put(likeness, best);
        });
        return likely;
    }

    private Likeness likeness(ThreadRecord t) {
        return new Likeness(ids.of(t.createdAt()), t.state(), blockerType(t.blockedOn()), t.virtual());
    }

    /** The kind of thing a thread waits on: {@code SynchronousQueue$Transferer} of {@code ...Transferer@1b6d3586}. */
    static String blockerType(String blockedOn) {
        int at = blockedOn == null ? -1 : blockedOn.indexOf('@');
        return at < 0 ? blockedOn : blockedOn.substring(0, at);
    }

    private static ThreadRecord representative(List<ThreadRecord> members) {
        ThreadRecord best = null;
        for (ThreadRecord t : members) {
            if (!t.stack().isEmpty() && (best == null || StuckSite.LONGEST_FIRST.compare(t, best) < 0)) {
                best = t;
            }
        }
        return best != null ? best : members.get(0);
    }

    /** The first frame below the JDK's means of waiting and its socket internals, at most {@code app}. */
    private static int pastTheJdksWait(List<String> frames, int app) {
        int from = 0;
        while (from < app && (Frames.waitingMeans(frames.get(from))
                || Frames.method(frames.get(from)).startsWith("sun.nio.ch."))) {
            from++;
        }
        return from;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** Small numbers for lists equal in content, found by identity first. */
    private static final class ListIds {
        private final Map<List<String>, Integer> byIdentity = new IdentityHashMap<>();
        private final Map<List<String>, Integer> byValue = new HashMap<>();

        int of(List<String> list) {
            Integer id = byIdentity.get(list);
            if (id == null) {
                id = byValue.computeIfAbsent(list, k -> byValue.size());
                byIdentity.put(list, id);
            }
            return id;
        }
    }
}
