package dev.threadhound.detect;

import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.List;
import java.util.Locale;

/** The pieces of a finding's one-line summary, worded the same way by every detector. */
public final class Phrases {

    private static final int NAMES_SHOWN = 3;

    private Phrases() {
    }

    /** {@code 450ms}, {@code 12s}, {@code 2m 5s}, {@code 1h 3m}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
        }
        return minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m");
    }

    /** The thread's name, or {@code #id} for the unnamed (virtual threads mostly are). */
    public static String name(ThreadRecord thread) {
        return name(thread.id(), thread.name());
    }

    /** A thread's name, or {@code #id} for the unnamed. */
    static String name(long id, String name) {
        return name == null || name.isEmpty() ? "#" + id : name;
    }

    /** A dead thread's name, or {@code #id} for the unnamed. */
    static String name(DeathRecord dead) {
        return name(dead.threadId(), dead.name());
    }

    /** {@code 1 task}, {@code 2 tasks}. */
    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * {@code a, b, c and 4997 more}; a name given again is shown once ({@code BatchSpanProcessor_WorkerThread-1 and 19
     * more}, not that name three times: a library that names each of its threads alike, made per call).
     */
    static String names(List<String> names, int total) {
        List<String> shown = names.stream().distinct().limit(NAMES_SHOWN).toList();
        String listed = String.join(", ", shown);
        int rest = total - shown.size();
        return rest > 0 ? listed + " and " + rest + " more" : listed;
    }

    /**
     * Where a thread waits: {@code in ArrayBlockingQueue.put at Pipeline.stage(Pipeline.java:52)} — the JDK call
     * the application made and the application frame that made it, and when that frame is a library's, where the
     * application called it ({@code at BlockingMultiObserver.blockingGet(...) via Quotes.fetch(Quotes.java:31)}) —
     * or what it is blocked on when the stack says nothing more. For a group of threads ({@code exact} false) only
     * the kind of thing they wait on is named.
     */
    static String waitSite(ThreadRecord thread, boolean exact) {
        List<String> stack = thread.stack();
        StringBuilder text = new StringBuilder(callSite(stack));
        if ("RUNNABLE".equals(thread.state()) && IdleStacks.awaitingAnswerForever(stack)) {
            text.append(", reading a socket with no timeout for a response the server has not begun");
        }
        if (thread.blockedOn() != null) {
            String identity = exitLock(thread) ? "Shutdown.class" : Frames.shortIdentity(thread.blockedOn());
            int at = identity.indexOf('@');
            text.append(" on ").append(exact || at < 0 ? identity : identity.substring(0, at));
            if (exact && thread.ownedBy() != null) {
                text.append(" held by ").append(thread.ownedBy());
            }
        }
        return text.toString();
    }

    /**
     * Blocked in {@code System.exit} on the class {@code java.lang.Shutdown}, whose monitor the exit under way holds
     * while it runs the hooks: a {@code Class@hex} would not say which class.
     */
    private static boolean exitLock(ThreadRecord thread) {
        return thread.blockedOn().startsWith("java.lang.Class@") && !thread.stack().isEmpty()
                && Frames.is(thread.stack().get(0), "java.lang.Shutdown", "exit");
    }

    /** Where a stack waits, as {@link #waitSite} names it, without what it waits on: {@code  in Thread.join at ...}. */
    static String callSite(List<String> stack) {
        int app = Frames.firstApplicationIndex(stack);
        StringBuilder text = new StringBuilder();
        int wrapper = app > 0 ? sleepWrapper(stack, app) : -1;
        if (wrapper >= 0) {
            text.append(" in ").append(Frames.shortMethod(stack.get(app))).append(siteAt(stack, wrapper));
        } else if (app > 0) {
            // the JDK's method called, not a lambda the call went through (Resilience4j sleeps through Thread::sleep)
            int called = app - 1;
            while (called > 0 && Frames.synthetic(stack.get(called))) {
                called--;
            }
            text.append(" in ").append(Frames.shortMethod(stack.get(called))).append(applicationSite(stack));
        } else if (app == 0) {
            text.append(applicationSite(stack));
        } else if (!stack.isEmpty()) {
            text.append(" in ").append(Frames.shortFrame(stack.get(Frames.pastWaiting(stack))));
        }
        return text.toString();
    }

    /**
     * {@code  at Ledger.debit(Ledger.java:42)}: the stack's first application frame, with the application's call after
     * it when that frame is a library's ({@code  at GenericObjectPool.returnObject(…) via Orders.close(…)}); nothing
     * without an application frame.
     */
    static String applicationSite(List<String> stack) {
        int app = Frames.firstApplicationIndex(stack);
        return app < 0 ? "" : siteAt(stack, app);
    }

    private static String siteAt(List<String> stack, int index) {
        return " at " + Frames.shortFrame(stack.get(index)) + CreationSites.callerOutside(stack, index);
    }

    /**
     * For a sleeping thread whose first application frame is a one-line helper that only sleeps (Kafka's
     * {@code Utils.sleep}, Guava's {@code Uninterruptibles.sleepUninterruptibly}, commons-io's
     * {@code ThreadUtils.sleep}: a method named for sleeping), the index of the frame that called it, which says
     * what the thread sleeps for; -1 otherwise.
     */
    private static int sleepWrapper(List<String> stack, int app) {
        // Thread.sleep, or the native method it calls (sleep0, JDK 21's sleepNanos0)
        if (!Frames.method(stack.get(0)).startsWith("java.lang.Thread.sleep")
                || !Frames.methodName(stack.get(app)).toLowerCase(Locale.ROOT).contains("sleep")) {
            return -1;
        }
        int caller = Frames.firstApplicationIndex(stack.subList(app + 1, stack.size()));
        return caller < 0 ? -1 : app + 1 + caller;
    }

    /**
     * {@code , started at Pipeline.start(Pipeline.java:30)}, with the callers outside that library when a library
     * started the thread ({@code via Orders.load(Orders.java:65)}), or nothing when the creation site is unknown.
     */
    static String startedAt(List<String> createdAt) {
        return Frames.firstApplicationFrame(createdAt).isPresent()
                ? ", started at " + CreationSites.describe(createdAt) : "";
    }

    /**
     * {@code  by a thread started at HttpClients.create(...) via Orders.fetch(...)}: when a library started the
     * threads from a thread of its own (an HTTP client's I/O reactor starting its dispatchers on its own worker), the
     * creation stack ends in that library, and the application's call is on the starting thread's creation stack.
     * Nothing when the stack already names a caller outside the library, or the starter is gone or unknown.
     */
    static String startedBy(Snapshot snapshot, ThreadRecord thread) {
        return startedBy(snapshot, thread.createdAt(), thread.createdBy());
    }

    /** The same for anything made at {@code createdAt} by the thread {@code createdBy} (an executor). */
    static String startedBy(Snapshot snapshot, List<String> createdAt, long createdBy) {
        if (createdBy < 0) {
            return "";
        }
        return snapshot.thread(createdBy)
                .filter(starter -> CreationSites.startedForAnOutsideCaller(createdAt, starter.createdAt()))
                .map(starter -> " by a thread started at " + CreationSites.describe(starter.createdAt()))
                .orElse("");
    }

    /** {@code  at Quotes.refresh(Quotes.java:28)}: the first application frame of what threw, or its top frame. */
    static String thrownAt(List<String> at) {
        return Frames.firstApplicationFrame(at).or(() -> at.stream().findFirst())
                .map(f -> " at " + Frames.shortFrame(f)).orElse("");
    }

    static String verb(ThreadRecord thread) {
        return "BLOCKED".equals(thread.state()) ? "blocked" : "waiting";
    }
}
