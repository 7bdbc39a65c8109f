package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.threadhound.detect.Timeline.thread;
import static org.assertj.core.api.Assertions.assertThat;

/** Stuck in a polling loop, told apart from pollers and schedulers that are idle in their own loop. */
class PollingWaitTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(5));
    private static final long STEP = 1_000;
    private static final String MONITOR = "java.lang.Object@77aa";

    /** {@code while (!partnerReady) lock.wait(1000)} in a method the stage's body called. */
    static final List<String> AWAIT_PARTNER = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "app//com.acme.Handshake.awaitPartner(Handshake.java:32)",
            "app//com.acme.Handshake.transformSide(Handshake.java:20)",
            "app//com.acme.Handshake$$Lambda$14/0x0000000800c03000.run(Unknown Source)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** A poller's own loop: {@code while (running) { item = inbox.poll(1, SECONDS); ... }} in its run(). */
    static final List<String> OWN_LOOP_POLL = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
            "app//com.acme.InboxPoller.run(InboxPoller.java:22)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** The same poll in a method called by the lambda the thread was started with: still its own loop. */
    static final List<String> LAMBDA_LOOP_POLL = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
            "app//com.acme.Server.serveRequests(Server.java:50)",
            "app//com.acme.Server.lambda$start$0(Server.java:30)",
            "app//com.acme.Server$$Lambda$9/0x0000000800c01000.run(Unknown Source)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** A method waiting for its batch with a timeout, called from the worker's loop. */
    static final List<String> NESTED_POLL = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
            "app//com.acme.Batcher.nextBatch(Batcher.java:40)",
            "app//com.acme.Batcher.run(Batcher.java:25)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** Embedded Derby 10.16's housekeeping daemon, one per booted database, resting ten seconds between rounds. */
    static final List<String> DERBY_DAEMON_REST = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "app//org.apache.derby.impl.services.daemon.BasicDaemon.rest(BasicDaemon.java:577)",
            "app//org.apache.derby.impl.services.daemon.BasicDaemon.run(BasicDaemon.java:391)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** Okio 3's watchdog (OkHttp's timeouts) waiting for the next deadline of a call. */
    static final List<String> OKIO_WATCHDOG = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1764)",
            "app//okio.AsyncTimeout$Companion.awaitTimeout(AsyncTimeout.kt:347)",
            "app//okio.AsyncTimeout$Watchdog.run(AsyncTimeout.kt:235)");

    /** Jetty 12's idle pool thread polling its job queue, woken when a job comes and another thread takes it. */
    static final List<String> JETTY_IDLE_JOB_POLL = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:269)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1847)",
            "app//org.eclipse.jetty.util.thread.AutoLock$WithCondition.awaitNanos(AutoLock.java:194)",
            "app//org.eclipse.jetty.util.BlockingArrayQueue.poll(BlockingArrayQueue.java:273)",
            "app//org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll(QueuedThreadPool.java:1169)",
            "app//org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1186)",
            "java.base/java.lang.Thread.run(Thread.java:1583)");

    /** Apache FtpServer's MINA pool worker between two sessions' events (MINA 2.2). */
    static final List<String> MINA_WORKER_FETCH = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1672)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
            "app//org.apache.mina.filter.executor.OrderedThreadPoolExecutor$Worker.fetchSession(OrderedThreadPoolExecutor.java:723)",
            "app//org.apache.mina.filter.executor.OrderedThreadPoolExecutor$Worker.run(OrderedThreadPoolExecutor.java:759)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** Jetty 12's reserved thread waiting on its own semaphore for a job handed to it. */
    static final List<String> JETTY_RESERVED_WAIT = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:269)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:756)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.tryAcquireSharedNanos(AbstractQueuedSynchronizer.java:1126)",
            "java.base/java.util.concurrent.Semaphore.tryAcquire(Semaphore.java:415)",
            "app//org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.waitForTask(ReservedThreadExecutor.java:357)",
            "app//org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.run(ReservedThreadExecutor.java:296)",
            "app//org.eclipse.jetty.util.thread.QueuedThreadPool.runJob(QueuedThreadPool.java:1009)",
            "app//org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.doRunJob(QueuedThreadPool.java:1240)",
            "app//org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1194)",
            "java.base/java.lang.Thread.run(Thread.java:1583)");

    private final Timeline timeline = new Timeline(new LeakedThreadDetector(), OPTIONS);

    /** A thread waking once a second from its timed wait: waited count +1 a second, 20 µs of CPU each time. */
    private static ThreadRecord polling(long id, String name, List<String> stack, String on, long millis, long cpuPerSecond) {
        long seconds = millis / 1_000;
        return thread(id, name, "TIMED_WAITING", stack, on, 0, 3 + seconds, 2_000_000L + seconds * cpuPerSecond);
    }

    @Test
    void twoStagesPollingTheSameMonitorForEachOtherAreOneFindingAfterTwiceStuckAfter() {
        timeline.run(0, 30_000, STEP, t -> List.of(
                polling(31, "stage-transform", AWAIT_PARTNER, MONITOR, t, 20_000),
                polling(32, "stage-sink", AWAIT_PARTNER, MONITOR, t, 20_000)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
        List<Finding> last = timeline.seen().get(timeline.seen().size() - 1);
        assertThat(last).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.LEAKED_THREAD);
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.durationMs()).isEqualTo(30_000);
            assertThat(f.threads()).extracting(t -> t.name()).containsExactly("stage-transform", "stage-sink");
            assertThat(f.summary()).isEqualTo("2 threads (stage-transform, stage-sink) stuck in a polling loop for up to"
                    + " 30s: 30 timed waits in Object.wait at Handshake.awaitPartner(Handshake.java:32) on Object@77aa,"
                    + " all on the same object with almost no CPU, for a condition nobody makes true,"
                    + " started at Main.start(Main.java:9)");
        });
    }

    @Test
    void aPollerIdleInItsOwnLoopIsNeverReported() {
        timeline.run(0, 120_000, STEP, t -> List.of(
                polling(41, "inbox-poller", OWN_LOOP_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1", t, 20_000),
                polling(42, "requests", LAMBDA_LOOP_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@2", t, 20_000),
                polling(43, "QueueConsumer", Stacks.GUAVA_SERVICE_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4", t, 20_000),
                polling(44, "Log4j2-TF-1-AsyncLogger[AsyncContext@1dbd16a6]-1", t % 3_000 == 0 ? Stacks.LOG4J2_ASYNC_LOGGER_IDLE : List.of(),
                        "java.lang.Object@5e4b1e1b", t, 20_000),
                polling(45, "Log4j2-TF-1-AsyncLogger[AsyncContext@30946e09]-1",
                        t % 3_000 == 0 ? Stacks.LOG4J2_ASYNC_LOGGER_IDLE_ON_DISRUPTOR_3 : List.of(),
                        "java.lang.Object@174aaa77", t, 20_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void librariesLoopsWaitingForTheirNextRoundAreNotReportedAlsoFromCyclesThatTookNoStackOfThem() {
        // HSQLDB's timer was reported on JDK 25 from a cycle without its stack: judged by the place of its run; a
        // MongoDB client's monitor between heartbeats (every 10 s) was reported as polling, and Okio's watchdog woken
        // by the deadlines of calls under way on a crowded machine; an embedded Derby database's daemon, a minute after
        // the database was booted; Apache FtpServer's MINA pool workers woken by its sessions' events
        timeline.run(0, 60_000, STEP, t -> List.of(
                polling(61, "HSQLDB Timer @757942a1", t % 3_000 == 0 ? Stacks.HSQLDB_TIMER_IDLE : List.of(),
                        "org.hsqldb.lib.HsqlTimer$TaskQueue@6c303007", t, 20_000),
                polling(62, "hz.m.migration", t % 3_000 == 0 ? Stacks.HAZELCAST_IDLE.get(4) : List.of(),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@5", t, 20_000),
                polling(64, "cluster-6b134fda-127.0.0.1:27017", t % 3_000 == 0 ? Stacks.MONGO_MONITOR_IDLE : List.of(),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@6", t, 20_000),
                polling(65, "cluster-6b134fdb-127.0.0.1:27017", t % 3_000 == 0 ? Stacks.MONGO_MONITOR_IN_A_LISTENER : List.of(),
                        "java.util.concurrent.locks.ReentrantLock$NonfairSync@7", t, 20_000),
                polling(66, "Okio Watchdog", t % 3_000 == 0 ? OKIO_WATCHDOG : List.of(),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@8", t, 20_000),
                polling(67, "qtp288665596-39", t % 3_000 == 0 ? JETTY_IDLE_JOB_POLL : List.of(),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@9", t, 20_000),
                polling(68, "WebSocket@1076607567-48", t % 3_000 == 0 ? JETTY_RESERVED_WAIT : List.of(),
                        "java.util.concurrent.Semaphore$NonfairSync@a", t, 20_000),
                polling(69, "derby.rawStoreDaemon", t % 3_000 == 0 ? DERBY_DAEMON_REST : List.of(),
                        "org.apache.derby.impl.services.daemon.BasicDaemon@b", t, 20_000),
                polling(70, "pool-4-thread-1", t % 3_000 == 0 ? MINA_WORKER_FETCH : List.of(),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@c", t, 20_000),
                polling(63, "batcher", t % 3_000 == 0 ? NESTED_POLL : List.of(),
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@3", t, 20_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).extracting(x -> x.threads().get(0).name())
                .doesNotContain("HSQLDB Timer @757942a1", "hz.m.migration", "cluster-6b134fda-127.0.0.1:27017",
                        "Okio Watchdog", "qtp288665596-39", "WebSocket@1076607567-48", "derby.rawStoreDaemon",
                        "pool-4-thread-1"));
        assertThat(timeline.seen().get(timeline.seen().size() - 1)).extracting(f -> f.threads().get(0).name())
                .containsExactlyInAnyOrder("batcher", "cluster-6b134fdb-127.0.0.1:27017");
    }

    @Test
    void aPollerThatWorksBetweenWaitsIsNeverReported() {
        // 30 ms of CPU a second handling what it polled: 3 % of a core, not idle
        timeline.run(0, 60_000, STEP, t -> List.of(
                polling(51, "batcher", NESTED_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@3", t, 30_000_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void aNestedPollThatDoesNothingIsReported() {
        timeline.run(0, 12_000, STEP, t -> List.of(
                polling(51, "batcher", NESTED_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@3", t, 20_000)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
    }

    /**
     * A consumer polling its queue through a helper of its loop, handed an item by nearly every wait: the agent counts
     * the waits a signal ended, and a rising count is somebody making its condition true, though the items cost it no
     * CPU to speak of and every look finds it in the same poll.
     */
    @Test
    void aNestedPollHandedItemsIsNeverReported() {
        timeline.run(0, 60_000, STEP, t -> List.of(signalled(
                polling(51, "batcher", NESTED_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@3", t, 20_000),
                200 * t / 1_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void aNestedPollWhoseWaitsAllTimeOutIsReportedWhenTheAgentCountsSignals() {
        timeline.run(0, 12_000, STEP, t -> List.of(signalled(
                polling(51, "batcher", NESTED_POLL, "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@3", t, 20_000),
                7)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
    }

    /** The record with the waits a signal ended, as the agent counts them. */
    private static ThreadRecord signalled(ThreadRecord r, long count) {
        return new ThreadRecord(r.id(), r.name(), r.virtual(), r.daemon(), r.state(), r.stack(), r.blockedOn(),
                r.ownerId(), r.ownedBy(), r.blockedCount(), r.waitedCount(), r.cpuTimeNanos(), r.createdAt(),
                r.createdBy(), r.executor(), r.stalledSince(), r.startedAt(), r.blockerLock(), r.identity(), count,
                r.history());
    }

    /** A watchdog (as Okio's): woken by each timeout of a call while there was one, then one wait of a minute for more. */
    @Test
    void aWatchdogThatWokeWhileThereWasWorkThenWaitsLongIsNotPolling() {
        List<String> watchdog = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1764)",
                "app//com.acme.Deadlines.awaitNext(Deadlines.java:40)",
                "app//com.acme.Deadlines$Watchdog.run(Deadlines.java:22)");
        timeline.run(0, 60_000, STEP, t -> List.of(thread(71, "deadline-watchdog", "TIMED_WAITING", watchdog,
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4", 0,
                t <= 2_000 ? 3 + t / 1_000 : 5, 2_000_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    /** A caller of a connection pool whose database is down: each borrow times out after 8 s, and it asks again. */
    static final List<String> POOL_BORROW = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base/java.util.concurrent.SynchronousQueue$TransferQueue.transfer(SynchronousQueue.java:704)",
            "java.base/java.util.concurrent.SynchronousQueue.poll(SynchronousQueue.java:903)",
            "app//com.zaxxer.hikari.util.ConcurrentBag.borrow(ConcurrentBag.java:151)",
            "app//com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)",
            "app//com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:100)",
            "app//com.acme.Orders.save(Orders.java:30)",
            "app//com.acme.Orders.run(Orders.java:20)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    @Test
    void aLoopWakingLessOftenThanStuckAfterIsOneFindingAllAlongNotOneBetweenWakes() {
        // stuckAfter is 5 s; the borrow times out every 8 s
        timeline.run(0, 60_000, STEP, t -> List.of(thread(81, "order-saver", "TIMED_WAITING", POOL_BORROW,
                "java.util.concurrent.SynchronousQueue$TransferQueue@5", 0, 3 + t / 8_000, 2_000_000L + t * 10)));

        long first = timeline.firstFindingAt(0, STEP);
        assertThat(first).as("two wakes seen, the run 2 x stuckAfter long").isEqualTo(16_000);
        List<List<Finding>> seen = timeline.seen();
        for (int second = (int) (first / STEP); second < seen.size(); second++) {
            assertThat(seen.get(second)).as("at %d s", second).singleElement().extracting(Finding::summary).asString()
                    .contains("thread order-saver stuck in a polling loop", "at ConcurrentBag.borrow(ConcurrentBag.java:151)",
                            "via Orders.save(Orders.java:30)");
        }
    }

    @Test
    void aSnapshotThatCatchesItJustWokenDoesNotEndTheRun() {
        timeline.run(0, 12_000, STEP, t -> List.of(
                // re-entering its monitor at 4 s, looked at on its loop's condition at 7 s: still the same loop
                t == 4_000 ? thread(31, "stage", "BLOCKED", List.of(), MONITOR, 1, 3 + t / 1_000, 2_000_000L)
                        : t == 7_000 ? thread(31, "stage", "RUNNABLE", List.of(
                                "app//com.acme.Handshake.awaitPartner(Handshake.java:31)", AWAIT_PARTNER.get(2),
                                AWAIT_PARTNER.get(3), AWAIT_PARTNER.get(4)), null, 1, 3 + t / 1_000, 2_000_000L)
                        : polling(31, "stage", AWAIT_PARTNER, MONITOR, t, 20_000)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
    }

    @Test
    void leavingTheCallStartsTheClockAgain() {
        timeline.run(0, 16_000, STEP, t -> {
            // at 8 s a look finds it in another call (it returned and called again from elsewhere)
            List<String> stack = t == 8_000 ? NESTED_POLL : AWAIT_PARTNER;
            return List.of(polling(31, "stage", stack, MONITOR, t, 20_000));
        });

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(-1);
    }

    @Test
    void oneLongTimedWaitIsNotPollingForACondition() {
        timeline.run(0, 30_000, STEP, t -> List.of(
                thread(61, "long-wait", "TIMED_WAITING", AWAIT_PARTNER, MONITOR, 0, 1, 2_000_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    /** Commons Exec's {@code waitFor()} for a process that never ends, as JDK 25 shows a sleep. */
    static final List<String> EXEC_WAIT_FOR = List.of(
            "java.base/java.lang.Thread.sleep0(Native Method)",
            "java.base/java.lang.Thread.sleepNanos0(Thread.java:533)",
            "java.base/java.lang.Thread.sleepNanos(Thread.java:510)",
            "java.base/java.lang.Thread.sleep(Thread.java:549)",
            "app//org.apache.commons.exec.DefaultExecuteResultHandler.waitFor(DefaultExecuteResultHandler.java:112)",
            "app//com.acme.Reports.export(Reports.java:30)",
            "app//com.acme.Reports.lambda$start$0(Reports.java:20)",
            "app//com.acme.Reports$$Lambda$14/0x0000000800c03000.run(Unknown Source)",
            "java.base/java.lang.Thread.run(Thread.java:1474)");

    /** Resilience4j's retry backing off through a method reference to {@code Thread::sleep}, as JDK 17 shows it. */
    static final List<String> RETRY_BACK_OFF = List.of(
            "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
            "app//io.github.resilience4j.retry.internal.RetryImpl$$Lambda$54/0x00007f78fc01d820.accept(Unknown Source)",
            "app//io.github.resilience4j.retry.internal.RetryImpl$ContextImpl.waitIntervalAfterException(RetryImpl.java:267)",
            "app//io.github.resilience4j.retry.internal.RetryImpl$ContextImpl.onError(RetryImpl.java:230)",
            "app//io.github.resilience4j.retry.Retry.lambda$decorateCheckedSupplier$3f69f149$1(Retry.java:137)",
            "app//com.acme.Quotes.fetch(Quotes.java:32)",
            "app//com.acme.Quotes.run(Quotes.java:12)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /**
     * Netty's timer between two ticks: its loop in run() sleeps in a helper until the next one. This and the three
     * below are the library threads a census of some forty libraries' idle threads found sleeping below their loop.
     */
    static final List<String> NETTY_TIMER_TICK = List.of(
            "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
            "app//io.netty.util.HashedWheelTimer$Worker.waitForNextTick(HashedWheelTimer.java:598)",
            "app//io.netty.util.HashedWheelTimer$Worker.run(HashedWheelTimer.java:494)",
            "app//io.netty.util.concurrent.FastThreadLocalRunnable.run(FastThreadLocalRunnable.java:30)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** commons-io's file monitor between two checks. */
    static final List<String> FILE_MONITOR_SLEEP = List.of(
            "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
            "java.base@17.0.15/java.lang.Thread.sleep(Thread.java:344)",
            "app//org.apache.commons.io.ThreadUtils.sleep(ThreadUtils.java:53)",
            "app//org.apache.commons.io.monitor.FileAlterationMonitor.run(FileAlterationMonitor.java:150)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** Hazelcast's slow-operation detector between two scans, and HttpClient 5's idle-connection evictor. */
    static final List<String> HAZELCAST_DETECTOR_SLEEP = List.of(
            "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
            "java.base@17.0.15/java.lang.Thread.sleep(Thread.java:344)",
            "java.base@17.0.15/java.util.concurrent.TimeUnit.sleep(TimeUnit.java:446)",
            "app//com.hazelcast.spi.impl.operationexecutor.slowoperationdetector.SlowOperationDetector$DetectorThread.sleepInterval(SlowOperationDetector.java:280)",
            "app//com.hazelcast.spi.impl.operationexecutor.slowoperationdetector.SlowOperationDetector$DetectorThread.run(SlowOperationDetector.java:153)");
    static final List<String> HTTPCLIENT5_EVICTOR_SLEEP = List.of(
            "java.base/java.lang.Thread.sleepNanos0(Native Method)",
            "java.base/java.lang.Thread.sleepNanos(Thread.java:509)",
            "java.base/java.lang.Thread.sleep(Thread.java:540)",
            "java.base/java.util.concurrent.TimeUnit.sleep(TimeUnit.java:443)",
            "app//org.apache.hc.core5.util.TimeValue.sleep(TimeValue.java:383)",
            "app//org.apache.hc.client5.http.impl.IdleConnectionEvictor.lambda$new$0(IdleConnectionEvictor.java:60)",
            "app//org.apache.hc.client5.http.impl.IdleConnectionEvictor$$Lambda/0x000077c0f8139a38.run(Unknown Source)",
            "java.base/java.lang.Thread.runWith(Thread.java:1487)",
            "java.base/java.lang.Thread.run(Thread.java:1474)");

    /** A sleep in the thread's own loop: {@code while (running) { Thread.sleep(1000); sweep(); }} in its run(). */
    static final List<String> OWN_LOOP_SLEEP = List.of(
            "java.base/java.lang.Thread.sleep(Native Method)",
            "app//com.acme.Sweeper.run(Sweeper.java:15)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /**
     * An application's own loop of sleeps below its run(): by the stack alone, the same as a library's timer; the
     * creation site tells them apart.
     */
    static final List<String> OWN_CODE_SLEEPING = List.of(
            "java.base@17.0.15/java.lang.Thread.sleep(Native Method)",
            "app//com.acme.Housekeeping.awaitDone(Housekeeping.java:12)",
            "app//com.acme.Housekeeping.run(Housekeeping.java:8)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    @Test
    void aLoopOfSleepsInALibrarysCallIsReportedAlsoFromCyclesThatTookNoStackOfIt() {
        // a sleep waits on nothing: asleep at each cycle, looked at every third, its waited count rising
        timeline.run(0, 12_000, STEP, t -> List.of(
                polling(62, "exporter", t % 3_000 == 0 ? EXEC_WAIT_FOR : List.of(), null, t, 20_000)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
        String summary = "thread exporter stuck in a polling loop for %ds: %d sleeps in Thread.sleep at"
                + " DefaultExecuteResultHandler.waitFor(DefaultExecuteResultHandler.java:112) via"
                + " Reports.export(Reports.java:30) with almost no CPU, for a condition nobody makes true,"
                + " started at Main.start(Main.java:9)";
        List<List<Finding>> seen = timeline.seen();
        // 10 s and 11 s took no stack of it: its last look in the loop stands in, and the finding stays one
        for (int second = 10; second <= 12; second++) {
            assertThat(seen.get(second)).singleElement().extracting(Finding::summary)
                    .isEqualTo(summary.formatted(second, second));
        }
    }

    @Test
    void aSleepReachedThroughAMethodReferenceIsNamedByTheJdksMethod() {
        timeline.run(0, 12_000, STEP, t -> List.of(polling(63, "quotes", RETRY_BACK_OFF, null, t, 20_000)));

        assertThat(timeline.seen().get(12)).singleElement().extracting(Finding::summary).asString()
                .contains("12 sleeps in Thread.sleep at RetryImpl$ContextImpl.waitIntervalAfterException(RetryImpl.java:267)"
                        + " via Quotes.fetch(Quotes.java:32)");
    }

    /** A Kafka consumer waiting for its coordinator, backing off through the client's one-line sleep helper. */
    static final List<String> KAFKA_BACK_OFF = List.of(
            "java.base/java.lang.Thread.sleepNanos0(Native Method)",
            "java.base/java.lang.Thread.sleepNanos(Thread.java:491)",
            "java.base/java.lang.Thread.sleep(Thread.java:522)",
            "app//org.apache.kafka.common.utils.Utils.sleep(Utils.java:420)",
            "app//org.apache.kafka.clients.consumer.internals.AbstractCoordinator.ensureCoordinatorReady(AbstractCoordinator.java:305)",
            "app//org.apache.kafka.clients.consumer.KafkaConsumer.poll(KafkaConsumer.java:874)",
            "app//com.acme.Orders.consume(Orders.java:40)",
            "java.base/java.lang.Thread.run(Thread.java:1474)");

    @Test
    void aSleepThroughALibrarysOneLineSleepHelperIsNamedWhereTheLibraryCalledIt() {
        timeline.run(0, 12_000, STEP, t -> List.of(polling(68, "orders-consumer", KAFKA_BACK_OFF, null, t, 20_000)));

        assertThat(timeline.seen().get(12)).singleElement().extracting(Finding::summary).asString()
                .contains("12 sleeps in Utils.sleep at AbstractCoordinator.ensureCoordinatorReady(AbstractCoordinator.java:305)"
                        + " via Orders.consume(Orders.java:40)");
    }

    @Test
    void threadsSleepingInOneLoopAreOneFindingAndInAnotherLoopAnother() {
        timeline.run(0, 12_000, STEP, t -> List.of(
                polling(62, "exporter-1", EXEC_WAIT_FOR, null, t, 20_000),
                polling(63, "exporter-2", EXEC_WAIT_FOR, null, t, 20_000),
                polling(64, "quotes", RETRY_BACK_OFF, null, t, 20_000)));

        List<Finding> last = timeline.seen().get(timeline.seen().size() - 1);
        assertThat(last).extracting(Finding::count).containsExactlyInAnyOrder(2, 1);
        assertThat(last).filteredOn(f -> f.count() == 2).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("all in the same loop"));
    }

    @Test
    void anApplicationsOwnThreadSleepingInALoopOfItsOwnCodeIsReported() {
        // started by the application's code, for nobody else: Timeline's threads are started at Main.start
        timeline.run(0, 12_000, STEP, t -> List.of(polling(67, "housekeeping", OWN_CODE_SLEEPING, null, t, 20_000)));

        assertThat(timeline.seen().get(12)).singleElement().extracting(Finding::summary).asString()
                .startsWith("thread housekeeping stuck in a polling loop for 12s: 12 sleeps in Thread.sleep at"
                        + " Housekeeping.awaitDone(Housekeeping.java:12) with almost no CPU");
    }

    @Test
    void aLibrarysThreadSleepingInItsOwnCodeAnApplicationsOwnLoopOrOneWorkingBetweenSleepsIsNeverReported() {
        // the library's threads as an application's call started them: that call is on their creation sites
        List<String> startedByTheApplication = List.of("java.base/java.lang.Thread.start(Thread.java:809)",
                "app//io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:357)",
                "app//io.netty.util.HashedWheelTimer.newTimeout(HashedWheelTimer.java:447)",
                "app//com.acme.Reminders.schedule(Reminders.java:20)");
        timeline.run(0, 60_000, STEP, t -> List.of(
                polling(65, "HashedWheelTimer-1", NETTY_TIMER_TICK, null, t, 20_000)
                        .withCreation(startedByTheApplication, 1),
                polling(66, "file-monitor", FILE_MONITOR_SLEEP, null, t, 20_000),
                polling(70, "hz.member.SlowOperationDetectorThread", HAZELCAST_DETECTOR_SLEEP, null, t, 20_000),
                polling(71, "idle-connection-evictor-1", HTTPCLIENT5_EVICTOR_SLEEP, null, t, 20_000),
                polling(68, "sweeper", OWN_LOOP_SLEEP, null, t, 20_000),
                // 30 ms of CPU a second between its sleeps: it works
                polling(69, "exporter", EXEC_WAIT_FOR, null, t, 30_000_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void withoutALookAtItsStackNoRunStarts() {
        timeline.run(0, 30_000, STEP, t -> List.of(polling(31, "stage", List.of(), MONITOR, t, 20_000)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }
}
