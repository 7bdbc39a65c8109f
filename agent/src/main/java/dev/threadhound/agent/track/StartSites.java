package dev.threadhound.agent.track;

/**
 * Where the virtual threads running one class of work are started, learned from their first starts, so that the
 * starter's stack need not be captured for every one of them: capturing it costs more than starting and ending a
 * virtual thread (0.4-0.9 µs against about 0.3-0.55 µs), and a server that runs each request on a thread of its own
 * starts each at the same place. Once {@value #AGREEING} starts in a row of one class of work were at one site, the
 * next ones are taken to be there too, and one in {@value #CHECK_EVERY} is still captured and compared: a start
 * elsewhere means the class of work starts at several sites, and it is captured at every start for good, as is a
 * class whose starts disagree {@value #GIVE_UP} times while it is learned. What is given up: a class of work started
 * at a second site once its first was learned has up to {@value #CHECK_EVERY} - 1 of those starts named at the first.
 * A leak check (a test) learns anew, as {@link TaskSites} does: each test's threads are named at its own calls.
 * Platform threads are always captured: their start costs a hundred times more.
 */
final class StartSites {

    static final int AGREEING = 8;
    static final int CHECK_EVERY = 64;
    static final int GIVE_UP = 4;

    private static final class Learned {
        /** The site every start of the class is taken to be at, or null while not known. */
        volatile CreationSite known;
        /** Starts taken to be at {@link #known}, racily counted (a missed one only moves the next check). */
        int starts;
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

    private volatile int round;

    /**
     * Where a thread that runs work of {@code workClass} is started, when learned and this start is not one to check;
     * else null, and the starter's stack is to be captured.
     */
    CreationSite known(Class<?> workClass) {
        Learned l = learned.get(workClass);
        CreationSite site = l.known;
        if (site == null || l.round != round || ++l.starts % CHECK_EVERY == 0) {
            return null;
        }
        return site;
    }

    /** Whether a captured start of {@code workClass} is to be made into its site at once, to learn from. */
    boolean learning(Class<?> workClass) {
        Learned l = learned.get(workClass);
        return l.disagreed < GIVE_UP || l.round != round;
    }

    /** A start of {@code workClass} at {@code site}, captured and made into its site. */
    void startedAt(Class<?> workClass, CreationSite site) {
        Learned l = learned.get(workClass);
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
