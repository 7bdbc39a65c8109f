package dev.threadhound.junit;

import dev.threadhound.detect.ConfirmedDeadlocks;
import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.List;

/**
 * The leak check without annotations, for code that runs its own tests (goleak's {@code VerifyNone}):
 * <pre>{@code
 * LeakCheck check = LeakCheck.start();
 * runTheCode();
 * check.verifyNone();          // AssertionError naming every leak
 * }</pre>
 * The thread that calls {@link #start} is taken to be the one doing the work: with the agent, a thread it (or a
 * thread it started) created is this check's, even while other checks run in parallel. What a static initializer
 * creates lives as long as the process and is never a leak, unless that initializer is the checked class's own
 * (the caller of {@code start}, or the class given): it is said once per JVM on standard error instead.
 */
public final class LeakCheck {

    private static final long FIRST_PAUSE_MS = 5;
    private static final long LONGEST_PAUSE_MS = 100;

    private final String subject;
    private final LeakOptions options;
    private final SnapshotSource source;
    private final LeakFinder finder;
    private final long threadId;
    private final String testClass;
    private volatile boolean overlapped;
    private volatile boolean closed;
    private volatile IdleWorkersAtClassEnd classEnd;

    private LeakCheck(String subject, Class<?> testClass, LeakOptions options, SnapshotSource source) {
        this.subject = subject;
        this.options = options;
        this.source = source;
        this.threadId = Thread.currentThread().getId();
        this.testClass = testClass == null ? null : testClass.getName();
        source.checkStarting();
        Snapshot before = source.take();
        this.finder = new LeakFinder(before, options, this.testClass);
        ConcurrentChecks.open(this);
    }

    /** Records what exists now, with the default options. */
    public static LeakCheck start() {
        return start(LeakOptions.defaults());
    }

    public static LeakCheck start(LeakOptions options) {
        return start("the code under check", options);
    }

    /** @param subject how the failure message names what was checked, e.g. {@code test leaksAThread()} */
    public static LeakCheck start(String subject, LeakOptions options) {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != LeakCheck.class).findFirst().orElse(null));
        return start(subject, caller, options);
    }

    /**
     * @param testClass the class whose code is checked: what its static initializers (or those of classes nested
     *                  in it) start is judged like the rest of its code; null when there is none
     */
    public static LeakCheck start(String subject, Class<?> testClass, LeakOptions options) {
        return start(subject, testClass, options, SnapshotSource.pick());
    }

    static LeakCheck start(String subject, Class<?> testClass, LeakOptions options, SnapshotSource source) {
        return new LeakCheck(subject, testClass, options, source);
    }

    /** Whether the agent is attached, so that creation sites, tasks and executors are checked too. */
    public boolean agentAttached() {
        return source.agent();
    }

    /**
     * Waits up to the linger time, with backoff, for what the checked code started to end, then returns what is
     * left; a deadlock at once, when a second look 20 ms later finds it too ({@link ConfirmedDeadlocks}). Ends the
     * check. Cost: a full thread dump per look.
     */
    public List<Finding> findLeaks() {
        return await().findings();
    }

    /** {@link #findLeaks()}, failing with a message that names every leak with its stack. */
    public void verifyNone() {
        Leaks leaks = await();
        if (classEnd != null) {
            classEnd.add(subject, leaks.idleWorkers(), options.linger());
        }
        if (!leaks.none()) {
            throw new AssertionError(LeakReport.text(subject, leaks.findings(), leaks, options.linger().toMillis(),
                    source.agent()));
        }
    }

    private Leaks await() {
        if (closed) {
            return Leaks.NONE;
        }
        long deadline = System.nanoTime() + options.linger().toNanos();
        long pause = FIRST_PAUSE_MS;
        ConfirmedDeadlocks deadlocks = new ConfirmedDeadlocks();
        try {
            while (true) {
                Leaks leaks = look();
                long left = (deadline - System.nanoTime()) / 1_000_000;
                deadlocks.of(leaks.findings());
                if (deadlocks.heldBack() && left > 0) {
                    // a deadlock this look alone found: the agent's reads of threads that run on can make one
                    Thread.sleep(Math.min(ConfirmedDeadlocks.SECOND_LOOK_MILLIS, left));
                    continue;
                }
                if (leaks.none() || leaks.deadlocked() || leaks.settled() || left <= 0) {
                    announce(leaks.singletons());
                    leaks.remember();
                    return leaks;
                }
                Thread.sleep(Math.min(pause, left));
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("threadhound: interrupted while waiting for " + subject + " to end its threads");
        } finally {
            closed = true;
            ConcurrentChecks.close(this);
        }
    }

    /** Once per JVM and thing, on standard error: build tools and IDEs show it beside the test that ran. */
    private void announce(List<Leaks.Leak> singletons) {
        for (Leaks.Leak s : singletons) {
            String key = s.key() != null ? s.key() : "thread:" + s.finding().threads().get(0).id();
            if (Reported.firstTime("announced " + key)) {
                System.err.print(LeakReport.singleton(subject, s.finding(), testClass));
            }
        }
    }

    /**
     * Leaves idle workers of pools nothing ties to the checked code to be judged when the class ends: a pool set
     * up in {@code @BeforeAll} grows workers during the tests and ends them in {@code @AfterAll}.
     */
    void leaveIdleWorkersTo(IdleWorkersAtClassEnd classEnd) {
        this.classEnd = classEnd;
    }

    long threadId() {
        return threadId;
    }

    void markOverlapped() {
        overlapped = true;
    }

    private Leaks look() {
        Leaks leaks = finder.find(source.take(), threadId, ConcurrentChecks.otherThreads(this), overlapped)
                .failing(options);
        return classEnd == null ? leaks.idleWorkersAsLeaks() : leaks;
    }
}
