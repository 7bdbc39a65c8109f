package dev.threadhound.agent.track;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the virtual threads running one class of work are started, learned from their first starts, so that the
 * starter's stack need not be captured for every one of them: capturing it costs more than starting and ending a
 * virtual thread (0.4-0.9 µs against about 0.3-0.55 µs), and a server that runs each request on a thread of its own
 * starts each at the same place. Once {@value #AGREEING} starts in a row of one class of work were at one site, the
 * next ones are taken to be there too, and about one in {@value #CHECK_EVERY} (drawn at random, and at most one per
 * class every {@value #CHECK_GAP_MILLIS} ms) is still captured and compared: a start elsewhere means the class of work
 * starts at several sites, and it is captured at every start for good, as is a class whose starts disagree
 * {@value #GIVE_UP} times while it is learned. What is given up: a class of work started at a second site once its
 * first was learned has the starts of up to {@value #CHECK_GAP_MILLIS} ms, and about {@value #CHECK_EVERY} at least,
 * named at the first (at two hundred thousand empty tasks a second, a check every 64th start, which makes the
 * starter's stack into its site, was a third of what the agent added to a start).
 * A leak check (a test) learns anew, as {@link TaskSites} does: each test's threads are named at its own calls.
 * Platform threads are always captured: their start costs a hundred times more.
 */
final class StartSites {

    static final int AGREEING = 8;
    static final int CHECK_EVERY = 64;
    static final long CHECK_GAP_MILLIS = 10;
    static final int GIVE_UP = 4;

    private static final class Learned {
        /** The site every start of the class is taken to be at, or null while not known. */
        volatile CreationSite known;
        /** The site last learned, in this round or an earlier one, even if given up since; null before. */
        volatile CreationSite lastKnown;
        /**
         * {@link System#nanoTime()} at the last check, or when the site was learned; racily written (a lost write
         * only allows one more check).
         */
        long checkedAt;
        CreationSite candidate;
        int agreeing;
        int disagreed;
        int round;
    }

    private final ClassValue<Learned> learned = new ClassValue<>() {
        @Override
        protected Learned computeValue(Class<?> type) {
            return new Learned();
        }
    };

    /**
     * The class last asked of, with what is learned of it: most starts are of the class the one before was, and a
     * class value's lookup was a fifth of the agent's part of a virtual thread's start.
     */
    private ClassMemo<Learned> lastAsked;

    private volatile int round;
    private final long checkGapNanos;

    StartSites() {
        this(CHECK_GAP_MILLIS * 1_000_000);
    }

    /** @param checkGapNanos the least time between two checks of one class */
    StartSites(long checkGapNanos) {
        this.checkGapNanos = checkGapNanos;
    }

    /**
     * Where a thread that runs work of {@code workClass} is started, when learned and this start is not one to check;
     * else null, and the starter's stack is to be captured.
     */
    CreationSite known(Class<?> workClass) {
        Learned l = of(workClass);
        CreationSite site = l.known;
        if (site == null || l.round != round) {
            return null;
        }
        // drawn on the starting thread, not counted on the class: a count written at every start shared its memory
        // with what every virtual thread's end reads (learnedSite), and made both wait on the other core
        if (ThreadLocalRandom.current().nextInt(CHECK_EVERY) != 0) {
            return site;
        }
        long now = System.nanoTime();
        if (now - l.checkedAt < checkGapNanos) {
            return site;
        }
        l.checkedAt = now;
        return null;
    }

    private Learned of(Class<?> workClass) {
        ClassMemo<Learned> last = lastAsked;
        Learned l = last != null ? last.answerFor(workClass) : null;
        if (l == null) {
            l = learned.get(workClass);
            lastAsked = new ClassMemo<>(workClass, l);
        }
        return l;
    }

    /** Where the threads of {@code workClass} are taken to start, when learned: as {@link #known}, counting nothing. */
    CreationSite learnedSite(Class<?> workClass) {
        Learned l = of(workClass);
        return l.round == round ? l.known : null;
    }

    /**
     * The site last learned for {@code workClass}, even in an earlier round or given up since; null if none ever
     * was. Where a thread of that class found running without its start recorded was started: it was started while
     * the site was known, or its start would have been recorded.
     */
    CreationSite lastLearned(Class<?> workClass) {
        return of(workClass).lastKnown;
    }

    /** Whether a captured start of {@code workClass} is to be made into its site at once, to learn from. */
    boolean learning(Class<?> workClass) {
        Learned l = of(workClass);
        return l.disagreed < GIVE_UP || l.round != round;
    }

    /** A start of {@code workClass} at {@code site}, captured and made into its site. */
    void startedAt(Class<?> workClass, CreationSite site) {
        Learned l = of(workClass);
        synchronized (l) {
            int now = round;
            if (l.round != now) {
                l.round = now;
                l.known = null;
                l.candidate = null;
                l.agreeing = 0;
                l.disagreed = 0;
            }
            if (l.disagreed >= GIVE_UP) {
                return;
            }
            if (l.known != null && !site.equals(l.known)) {
                // a check found a second site: the class starts at several
                l.known = null;
                l.candidate = null;
                l.disagreed = GIVE_UP;
            } else if (site.equals(l.candidate)) {
                if (++l.agreeing >= AGREEING && l.known == null) {
                    l.known = site;
                    l.lastKnown = site;
                    l.checkedAt = System.nanoTime();
                }
            } else {
                if (l.candidate != null) {
                    l.disagreed++;
                }
                l.known = null;
                l.candidate = site;
                l.agreeing = 1;
            }
        }
    }

    /** A leak check begins: every class of work is learned anew from its next starts. */
    void renew() {
        round++;
    }
}
