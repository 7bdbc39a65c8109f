package dev.threadhound.junit;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LeakFinder} on snapshots made by hand, as the agent would take them: creation sites, executors and tasks.
 * Ids are far above those of the JVM's live threads, which the finder also looks at.
 */
class LeakFinderTest {

    private static final AtomicLong IDS = new AtomicLong(7_000_000);
    private static final String TEST_CLASS = "com.acme.ClientTest";
    private static final long TEST_THREAD = 1;

    private static final List<String> TIMER_IDLE = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "java.base@17.0.15/java.util.TimerThread.mainLoop(Timer.java:563)",
            "java.base@17.0.15/java.util.TimerThread.run(Timer.java:516)");
    private static final List<String> SLEEPING = List.of(
            "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
            "app//com.acme.ClientTest.lambda$sendsLater$0(ClientTest.java:40)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");
    private static final List<String> LATCH_AWAIT = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base@17.0.15/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "app//com.acme.Client.waitForever(Client.java:12)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");
    private static final List<String> POOL_WORKER_IDLE = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
            "java.base@17.0.15/java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:1182)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1122)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** A library's timer in a lazy holder: {@code static final Timer T = new Timer(true)} in a nested class. */
    private static List<String> startedByHolder(String holder, String toucher) {
        return List.of(
                "java.base@17.0.15/java.lang.Thread.start(Thread.java:798)",
                "java.base@17.0.15/java.util.Timer.<init>(Timer.java:188)",
                "app//" + holder + ".<clinit>(Timers.java:12)",
                "app//" + toucher + "(ClientTest.java:30)");
    }

    @Test
    void aThreadAStaticInitializerOfALibraryStartedIsTheProcessesNotTheTests() {
        ThreadRecord timer = thread("lib-timer", "TIMED_WAITING", TIMER_IDLE,
                startedByHolder("com.lib.Timers$Holder", "com.acme.ClientTest.usesTheLibrary"));

        Leaks leaks = find(LeakOptions.defaults(), List.of(timer), List.of(), List.of());

        assertThat(leaks.leaks()).isEmpty();
        assertThat(leaks.singletons()).singleElement().satisfies(s -> assertThat(s.finding().threads())
                .singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("lib-timer")));
    }

    @Test
    void aStaticInitializerOfTheTestClassOrAClassNestedInItIsTheTestsOwnCode() {
        ThreadRecord nested = thread("own-timer", "WAITING", TIMER_IDLE,
                startedByHolder("com.acme.ClientTest$Holder", "com.acme.ClientTest$Inner.usesIt"));
        ThreadRecord own = thread("test-class-timer", "WAITING", TIMER_IDLE,
                startedByHolder("com.acme.ClientTest", "com.acme.ClientTest.usesIt"));

        Leaks leaks = find(LeakOptions.defaults(), List.of(nested, own), List.of(), List.of());

        assertThat(leaks.singletons()).isEmpty();
        assertThat(leaks.findings()).extracting(f -> f.threads().get(0).name())
                .containsExactlyInAnyOrder("own-timer", "test-class-timer");
    }

    @Test
    void withoutAKnownTestClassEveryStaticInitializerIsOutside() {
        ThreadRecord nested = thread("own-timer", "WAITING", TIMER_IDLE,
                startedByHolder("com.acme.ClientTest$Holder", "com.acme.ClientTest.usesIt"));

        Leaks leaks = new LeakFinder(Snapshot.ofThreads(0, List.of()), LeakOptions.defaults(), null)
                .find(Snapshot.ofThreads(1, List.of(nested)), TEST_THREAD, Set.of(), false);

        assertThat(leaks.leaks()).isEmpty();
        assertThat(leaks.singletons()).hasSize(1);
    }

    @Test
    void anExecutorAStaticInitializerCreatedIsNotALeakAndNeitherAreItsWorkersOrTheTaskItsInitializerSubmitted() {
        // A JDBC driver's cleanup pool: created and handed its one endless task in a static initializer.
        List<String> createdInClinit = List.of(
                "java.base@17.0.15/java.util.concurrent.Executors.newSingleThreadExecutor(Executors.java:169)",
                "app//com.db.CleanupThread.<clinit>(CleanupThread.java:55)",
                "app//com.db.Driver.<clinit>(Driver.java:40)",
                "app//com.acme.ClientTest.loadsTheDriver(ClientTest.java:20)");
        List<String> submittedInClinit = List.of(
                "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1357)",
                "app//com.db.CleanupThread.<clinit>(CleanupThread.java:70)",
                "app//com.acme.ClientTest.loadsTheDriver(ClientTest.java:20)");
        ThreadRecord worker = thread("db-cleanup", "TIMED_WAITING", List.of(
                "java.base@17.0.15/java.lang.Object.wait(Native Method)",
                "java.base@17.0.15/java.lang.ref.ReferenceQueue.remove(ReferenceQueue.java:155)",
                "app//com.db.CleanupThread.run(CleanupThread.java:80)",
                "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)"), createdInClinit).withExecutor("db-cleanup");
        ExecutorRecord pool = executor("db-cleanup", createdInClinit, worker.id());
        TaskRecord task = new TaskRecord("db-cleanup", "java.util.concurrent.FutureTask@1", "com.db.CleanupThread",
                TaskState.RUNNING, submittedInClinit, worker.id(), 0);

        Leaks leaks = find(LeakOptions.defaults(), List.of(worker), List.of(pool), List.of(task));

        assertThat(leaks.leaks()).isEmpty();
        assertThat(leaks.singletons()).singleElement()
                .satisfies(s -> assertThat(s.finding().type()).isEqualTo(FindingType.LEAKED_EXECUTOR));
    }

    @Test
    void aPeriodicTaskThatEndedBeforeItsWorkersStackWasReadIsNotALeakButItsPoolIs() {
        // A Commons Pool evictor: its run every 200 ms was going when the tasks were read, over when the stacks were.
        List<String> createdByTest = List.of(
                "java.base@17.0.15/java.util.concurrent.ScheduledThreadPoolExecutor.<init>(ScheduledThreadPoolExecutor.java:472)",
                "app//org.apache.commons.pool2.impl.EvictionTimer.schedule(EvictionTimer.java:215)",
                "app//com.acme.ClientTest.leavesItsPoolOpen(ClientTest.java:32)");
        ThreadRecord worker = thread("commons-pool-evictor", "TIMED_WAITING", POOL_WORKER_IDLE, createdByTest)
                .withExecutor("commons-pool-evictor");
        ExecutorRecord pool = countedActive(executor("commons-pool-evictor", createdByTest, worker.id()));
        TaskRecord evictor = new TaskRecord("commons-pool-evictor", "java.util.concurrent.ScheduledFutureTask@2",
                "org.apache.commons.pool2.impl.EvictionTimer$WeakRunner", TaskState.RUNNING, createdByTest,
                worker.id(), 0);

        Leaks leaks = find(LeakOptions.defaults(), List.of(worker), List.of(pool), List.of(evictor));

        assertThat(leaks.leaks()).singleElement().satisfies(l -> {
            assertThat(l.finding().type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
            // the pool counted its worker active with the task table; the stack, read later, shows it waiting
            assertThat(l.finding().summary()).contains("(1 thread, 0 active, 0 queued)");
        });
    }

    @Test
    void anExecutorTheTestCreatedStillLeaksEvenWhenAnotherIsTheProcesses() {
        List<String> createdByTest = List.of(
                "java.base@17.0.15/java.util.concurrent.Executors.newFixedThreadPool(Executors.java:92)",
                "app//com.acme.ClientTest.leavesAPool(ClientTest.java:33)");
        ThreadRecord worker = thread("Thread-7", "WAITING", POOL_WORKER_IDLE, createdByTest).withExecutor("ClientTest.leavesAPool:33");

        Leaks leaks = find(LeakOptions.defaults(), List.of(worker), List.of(executor("ClientTest.leavesAPool:33",
                createdByTest, worker.id())), List.of());

        assertThat(leaks.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
            assertThat(f.summary()).contains("executor ClientTest.leavesAPool:33");
        });
        assertThat(leaks.singletons()).isEmpty();
    }

    @Test
    void aSleepingThreadIsALeakByDefaultAndNotWithIgnoreTimedWaiting() {
        ThreadRecord sleeper = thread("report-sender", "TIMED_WAITING", SLEEPING, List.of());
        ThreadRecord waiter = thread("latch-waiter", "WAITING", LATCH_AWAIT, List.of());

        assertThat(find(LeakOptions.defaults(), List.of(sleeper, waiter), List.of(), List.of()).findings())
                .extracting(f -> f.threads().get(0).name()).containsExactlyInAnyOrder("report-sender", "latch-waiter");
        assertThat(find(LeakOptions.defaults().ignoreTimedWaiting(true), List.of(sleeper, waiter), List.of(), List.of())
                .findings()).extracting(f -> f.threads().get(0).name()).containsExactly("latch-waiter");
    }

    @Test
    void ignoreTimedWaitingAcceptsATaskWhoseThreadSleepsButNeverAnExecutorLeftRunning() {
        List<String> createdByTest = List.of("app//com.acme.ClientTest.schedules(ClientTest.java:50)");
        ThreadRecord idleWorker = thread("ticker-1", "TIMED_WAITING", POOL_WORKER_IDLE, createdByTest).withExecutor("ticker");
        ThreadRecord busyWorker = thread("sender-1", "TIMED_WAITING", SLEEPING, createdByTest).withExecutor("sender");
        ExecutorRecord ticker = executor("ticker", createdByTest, idleWorker.id());
        ExecutorRecord sender = shutDown(executor("sender", createdByTest, busyWorker.id()));
        TaskRecord sleeping = new TaskRecord("sender", "java.util.concurrent.FutureTask@2", "com.acme.Send",
                TaskState.RUNNING, createdByTest, busyWorker.id(), 0);

        List<Finding> found = find(LeakOptions.defaults().ignoreTimedWaiting(true), List.of(idleWorker, busyWorker),
                List.of(ticker, sender), List.of(sleeping)).findings();

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
            assertThat(f.executor()).isEqualTo("ticker");
        });
    }

    @Test
    void theThreadNameTheMessageOffersToIgnoreAcceptsTheTaskItsThreadRuns() {
        // commons-io's Tailer: the task sleeps between reads on a worker the test's builder started
        List<String> createdByTest = List.of("app//com.acme.TailTest.follows(TailTest.java:30)");
        ThreadRecord worker = thread("commons-io-tailer-follows", "TIMED_WAITING", SLEEPING, createdByTest)
                .withExecutor("commons-io-tailer");
        ExecutorRecord pool = shutDown(executor("commons-io-tailer", createdByTest, worker.id()));
        TaskRecord tailing = new TaskRecord("commons-io-tailer", "java.util.concurrent.FutureTask@4",
                "org.apache.commons.io.input.Tailer", TaskState.RUNNING, createdByTest, worker.id(), 0);

        assertThat(find(LeakOptions.defaults(), List.of(worker), List.of(pool), List.of(tailing)).findings())
                .anyMatch(f -> f.type() == FindingType.LEAKED_TASK);
        assertThat(find(LeakOptions.defaults().ignoreThreadNames("commons-io-tailer.*"), List.of(worker), List.of(pool),
                List.of(tailing)).findings()).isEmpty();
    }

    @Test
    void aTaskOfTheJdksProcessReaperIsNeverTheTestsLeak() {
        List<String> createdByTest = List.of("app//com.acme.ClientTest.startsAServer(ClientTest.java:20)");
        List<String> waitingForTheChild = List.of(
                "java.base@17.0.15/java.lang.ProcessHandleImpl.waitForProcessExit0(Native Method)",
                "java.base@17.0.15/java.lang.ProcessHandleImpl$1.run(ProcessHandleImpl.java:150)",
                "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)");
        ThreadRecord reaper = thread("process reaper (pid 4242)", "RUNNABLE", waitingForTheChild, createdByTest)
                .withExecutor("process reaper");
        ExecutorRecord pool = executor("process reaper", createdByTest, reaper.id());
        TaskRecord waiting = new TaskRecord("process reaper", "java.lang.ProcessHandleImpl$1@3",
                "java.lang.ProcessHandleImpl$1", TaskState.RUNNING, createdByTest, reaper.id(), 0);

        List<Finding> found = find(LeakOptions.defaults(), List.of(reaper), List.of(pool), List.of(waiting)).findings();

        assertThat(found).noneMatch(f -> f.type() == FindingType.LEAKED_TASK);
    }

    @Test
    void aPeriodicTaskTheTestScheduledOnAnOlderSharedSchedulerIsTheTestsLeak() {
        // commons-pool2: every pool's evictor runs on one scheduler the library shares, started by an earlier test
        ThreadRecord evictorThread = thread("commons-pool-evictor", "TIMED_WAITING", POOL_WORKER_IDLE,
                List.of("app//org.apache.commons.pool2.impl.EvictionTimer.schedule(EvictionTimer.java:222)"));
        ExecutorRecord shared = executor("commons-pool-evictor",
                List.of("app//org.apache.commons.pool2.impl.EvictionTimer.schedule(EvictionTimer.java:222)"),
                evictorThread.id());
        Snapshot before = new Snapshot(0, List.of(evictorThread), List.of(), List.of(shared), List.of(), List.of());
        List<String> scheduledHere = List.of(
                "java.base/java.util.concurrent.ScheduledThreadPoolExecutor.scheduleWithFixedDelay(ScheduledThreadPoolExecutor.java:680)",
                "app//org.apache.commons.pool2.impl.EvictionTimer.schedule(EvictionTimer.java:225)",
                "app//org.apache.commons.pool2.impl.GenericObjectPool.<init>(GenericObjectPool.java:150)",
                "app//com.acme.ClientTest.leavesItsPoolOpen(ClientTest.java:31)");
        List<String> scheduledByTheLibrary = List.of(
                "java.base/java.util.concurrent.ScheduledThreadPoolExecutor.scheduleWithFixedDelay(ScheduledThreadPoolExecutor.java:680)",
                "app//org.apache.commons.pool2.impl.EvictionTimer.schedule(EvictionTimer.java:225)",
                "app//org.apache.commons.pool2.impl.BaseGenericObjectPool$Evictor.run(BaseGenericObjectPool.java:301)");
        TaskRecord evictor = new TaskRecord("commons-pool-evictor", "ScheduledFutureTask@1", "EvictionTimer$WeakRunner",
                TaskState.SCHEDULED, scheduledHere, -1, 0);
        TaskRecord rescheduled = new TaskRecord("commons-pool-evictor", "ScheduledFutureTask@2", "EvictionTimer$Reaper",
                TaskState.SCHEDULED, scheduledByTheLibrary, -1, 0);

        Leaks leaks = find(before, LeakOptions.defaults(), List.of(evictorThread), List.of(shared),
                List.of(evictor, rescheduled));

        assertThat(leaks.leaks()).singleElement().satisfies(l -> {
            assertThat(l.finding().type()).isEqualTo(FindingType.LEAKED_TASK);
            assertThat(l.finding().summary()).isEqualTo("periodic task EvictionTimer$WeakRunner scheduled during the test"
                    + " on commons-pool-evictor, an executor older than the test, is still scheduled: cancel it, or"
                    + " close what scheduled it");
        });
        Leaks shutDownSince = find(before, LeakOptions.defaults(), List.of(evictorThread), List.of(shutDown(shared)),
                List.of(evictor));
        assertThat(shutDownSince.leaks()).as("its scheduler shut down: nothing runs it again").isEmpty();
    }

    private static Leaks find(LeakOptions options, List<ThreadRecord> threads, List<ExecutorRecord> executors,
                              List<TaskRecord> tasks) {
        return find(Snapshot.ofThreads(0, List.of()), options, threads, executors, tasks);
    }

    private static Leaks find(Snapshot before, LeakOptions options, List<ThreadRecord> threads,
                              List<ExecutorRecord> executors, List<TaskRecord> tasks) {
        LeakFinder finder = new LeakFinder(before, options, TEST_CLASS);
        Snapshot after = new Snapshot(1, threads, tasks, executors, List.of(), List.of());
        return finder.find(after, TEST_THREAD, Set.of(), false).failing(options);
    }

    private static ThreadRecord thread(String name, String state, List<String> stack, List<String> createdAt) {
        return new ThreadRecord(IDS.incrementAndGet(), name, false, true, state, stack, null, -1, null, -1, -1, -1,
                createdAt, TEST_THREAD, null, 0);
    }

    private static ExecutorRecord executor(String name, List<String> createdAt, long worker) {
        return new ExecutorRecord("java.util.concurrent.ThreadPoolExecutor@" + IDS.incrementAndGet(), name,
                ExecutorKind.THREAD_POOL, createdAt, 0, false, 1, 0, 1, 0, -1, 0, 0, List.of(worker), TEST_THREAD,
                0, 0, 0);
    }

    private static ExecutorRecord countedActive(ExecutorRecord e) {
        return new ExecutorRecord(e.identity(), e.name(), e.kind(), e.createdAt(), 0, e.shutdown(), e.poolSize(),
                e.poolSize(), e.maxPoolSize(), e.queued(), e.queueCapacity(), 0, 0, e.workerIds(), e.createdBy(),
                0, 0, 0);
    }

    private static ExecutorRecord shutDown(ExecutorRecord e) {
        return new ExecutorRecord(e.identity(), e.name(), e.kind(), e.createdAt(), 0, true, e.poolSize(),
                e.activeThreads(), e.maxPoolSize(), e.queued(), e.queueCapacity(), 0, 0, e.workerIds(), e.createdBy(),
                0, 0, 0);
    }
}
