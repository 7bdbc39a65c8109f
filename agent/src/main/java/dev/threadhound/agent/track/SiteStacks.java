package dev.threadhound.agent.track;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stacks of a lock-order edge, taken once per pair of sites (where the held lock was taken, where the second
 * one is being taken) and shared by every edge made there: a program that takes the locks of a million objects at
 * the same two places walks its stack once, not a million times. A walk costs a few microseconds. An edge that closes
 * a cycle of two walks its own.
 */
final class SiteStacks {

    /** Frames kept per stack. */
    static final int DEPTH = 32;
    /** Pairs of sites remembered; past that, each new edge walks its own stack. */
    static final int MAX_PAIRS = 20_000;

    private static final StackWalker WALKER = StackWalker.getInstance();

    /**
     * @param heldAt     the held lock's site, then the current stack below its method when that method is still
     *                   running (a {@code synchronized} block around the second lock); the site alone otherwise
     * @param acquiredAt the current stack, from the method taking the second lock
     */
    record Stacks(List<String> heldAt, List<String> acquiredAt) {
    }

    private final LockSites sites;
    private final ConcurrentHashMap<Long, Stacks> pairs = new ConcurrentHashMap<>();

    SiteStacks(LockSites sites) {
        this.sites = sites;
    }

    /**
     * @param own whether the edge needs stacks of its own: one that closes a cycle is reported with them, and callers
     *            that share a library's two sites (every logger's calls into its appenders) may be other paths than
     *            the one that first took these sites
     */
    Stacks of(int heldSite, int acquiredSite, boolean own) {
        if (own) {
            return capture(sites.of(heldSite));
        }
        long key = ((long) LockSites.number(heldSite) << 32) | LockSites.number(acquiredSite);
        Stacks known = pairs.get(key);
        if (known != null) {
            return known;
        }
        Stacks taken = capture(sites.of(heldSite));
        if (pairs.size() < MAX_PAIRS) {
            pairs.putIfAbsent(key, taken);
        }
        return taken;
    }

    private static Stacks capture(LockSite held) {
        List<StackTraceElement> frames = WALKER.walk(s -> s
                .dropWhile(f -> agent(f.getClassName()))
                .limit(DEPTH * 2L)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList());
        List<String> acquiredAt = frames.stream().limit(DEPTH).map(StackTraceElement::toString).toList();
        List<String> heldAt = new ArrayList<>();
        if (held != null) {
            heldAt.add(held.frame());
            for (int i = 0; i < frames.size(); i++) {
                if (held.in(frames.get(i))) {
                    frames.subList(i + 1, frames.size()).stream().limit(DEPTH - 1L)
                            .forEach(f -> heldAt.add(f.toString()));
                    break;
                }
            }
        }
        return new Stacks(List.copyOf(heldAt), acquiredAt);
    }

    /** The bridge (renamed into java.lang in the agent jar) and the slow path: the walk starts below them. */
    private static boolean agent(String className) {
        return Sites.bridge(className) || className.equals(SiteStacks.class.getName())
                || className.equals(LockGraph.class.getName()) || className.equals(LockOrderRecorder.class.getName());
    }
}
