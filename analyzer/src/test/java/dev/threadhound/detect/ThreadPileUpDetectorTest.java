package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.IntFunction;

import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadPileUpDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();

    /** A timer made per call: the library starts its thread on first use, from the application's call. */
    private static final String[] TIMER_PER_CALL = {
        "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:379)",
        "io.netty.util.HashedWheelTimer.newTimeout(HashedWheelTimer.java:454)",
        "com.acme.Billing.remind(Billing.java:20)",
        "com.acme.Server.handle(Server.java:50)",
        "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    /** The same library call from another place in the application. */
    private static final String[] TIMER_FROM_REPORTS = {
        "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:379)",
        "io.netty.util.HashedWheelTimer.newTimeout(HashedWheelTimer.java:454)",
        "com.acme.Reports.schedule(Reports.java:33)",
        "com.acme.Server.handle(Server.java:50)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    /** The JDK frames below the application's differ with how the calling thread was scheduled. */
    private static final String[] TIMER_PER_CALL_ON_FORK_JOIN = {
        "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:379)",
        "io.netty.util.HashedWheelTimer.newTimeout(HashedWheelTimer.java:454)",
        "com.acme.Billing.remind(Billing.java:20)",
        "com.acme.Server.handle(Server.java:50)",
        "java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:373)",
        "java.base/java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:165)"};

    private static final List<String> TICKING = List.of(
            "java.base/java.lang.Thread.sleep(Native Method)",
            "io.netty.util.HashedWheelTimer$Worker.waitForNextTick(HashedWheelTimer.java:600)",
            "io.netty.util.HashedWheelTimer$Worker.run(HashedWheelTimer.java:496)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    private final ThreadPileUpDetector detector = new ThreadPileUpDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    /** {@code count} timer threads from {@code site}, the first {@code oldest} ms ago and the rest evenly after it. */
    private static SnapshotBuilder timers(SnapshotBuilder builder, long firstId, int count, long oldest, String[] site) {
        for (int i = 0; i < count; i++) {
            builder.thread(thread(firstId + i, "pool-" + (firstId + i) + "-thread-1").timedWaiting().stack(TICKING)
                    .createdAt(site).createdBy(50 + i % 4).startedAgo(oldest - i * (oldest / count)).stalledFor(100));
        }
        return builder;
    }

    @Test
    void timersMadePerCallPilingUpOverTimeAreOneFinding() {
        List<Finding> findings = detect(timers(snapshot(), 100, 12, 4 * STUCK, TIMER_PER_CALL).build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.count()).isEqualTo(12);
            assertThat(f.createdAt()).containsExactly(TIMER_PER_CALL);
            assertThat(f.threads()).hasSize(StuckSite.THREADS_SHOWN)
                    .first().satisfies(t -> assertThat(t.name()).isEqualTo("pool-100-thread-1"));
            assertThat(f.summary()).isEqualTo("12 idle threads started at HashedWheelTimer.start(HashedWheelTimer.java:379)"
                    + " via Billing.remind(Billing.java:20) are alive and keep piling up (pool-100-thread-1,"
                    + " pool-101-thread-1, pool-102-thread-1 and 9 more; oldest started 2m ago, newest 10s ago):"
                    + " what starts them is never stopped or closed");
        });
    }

    @Test
    void threadsOfOneNameAreNamedOnce() {
        // OpenTelemetry's batch span processors, built per request: each names its one thread alike
        SnapshotBuilder processors = snapshot();
        for (int i = 0; i < 12; i++) {
            processors.thread(thread(100 + i, "BatchSpanProcessor_WorkerThread-1").timedWaiting().stack(TICKING)
                    .createdAt(TIMER_PER_CALL).createdBy(50 + i % 4).startedAgo(4 * STUCK - i * (4 * STUCK / 12))
                    .stalledFor(100));
        }

        assertThat(detect(processors.build())).singleElement().satisfies(f -> assertThat(f.summary())
                .contains(" keep piling up (BatchSpanProcessor_WorkerThread-1 and 11 more; oldest started "));
    }

    @Test
    void threadsALibraryStartsFromItsOwnThreadNameTheApplicationCallThatStartedThatThread() {
        SnapshotBuilder clients = snapshot();
        for (int client = 0; client < 20; client++) {
            long main = 500 + client * 3;
            long started = 10 * STUCK - client * STUCK / 2;
            clients.thread(thread(main, "httpclient-main-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17)
                    .executor("httpclient-main")
                    .createdAt("java.base/java.util.concurrent.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:945)",
                            "java.base/java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java:1353)",
                            "org.apache.hc.client5.http.impl.async.AbstractHttpAsyncClientBase.start(AbstractHttpAsyncClientBase.java:77)",
                            "com.acme.Orders.fetch(Orders.java:71)", "com.acme.Main.main(Main.java:9)")
                    .createdBy(1).startedAgo(started));
            for (int d = 1; d <= 2; d++) {
                clients.thread(thread(main + d, "httpclient-dispatch-" + d).timedWaiting().stack(TICKING)
                        .createdAt("org.apache.hc.core5.reactor.MultiCoreIOReactor.start(MultiCoreIOReactor.java:72)",
                                "org.apache.hc.core5.reactor.DefaultConnectingIOReactor.start(DefaultConnectingIOReactor.java:140)",
                                "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
                                "java.base/java.lang.Thread.run(Thread.java:840)")
                        .createdBy(main).startedAgo(started).stalledFor(100));
            }
        }

        assertThat(detect(clients.build())).singleElement().satisfies(f -> assertThat(f.summary())
                .startsWith("40 idle threads started at MultiCoreIOReactor.start(MultiCoreIOReactor.java:72) by a thread"
                        + " started at AbstractHttpAsyncClientBase.start(AbstractHttpAsyncClientBase.java:77) via"
                        + " Orders.fetch(Orders.java:71) are alive and keep piling up"));
    }

    @Test
    void upToTheThresholdIsNotAPileUp() {
        assertThat(detect(timers(snapshot(), 100, OPTIONS.pileUp(), 4 * STUCK, TIMER_PER_CALL).build())).isEmpty();
        assertThat(detect(timers(snapshot(), 100, OPTIONS.pileUp() + 1, 4 * STUCK, TIMER_PER_CALL).build())).hasSize(1);
        assertThat(detect(timers(snapshot(), 100, 20, 4 * STUCK, TIMER_PER_CALL).build(), OPTIONS.withPileUp(20)))
                .isEmpty();
    }

    private List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        return detector.detect(snapshot, options);
    }

    @Test
    void aServersThreadsReadingTheirConnectionsAreNoPileUpOnAnyJdk() {
        // a thread per connection, as classic blocking servers (H2's TCP server) and Helidon 4 run them: platform
        // threads read in native code, virtual ones park in the JDK's poller; connections opened over minutes
        List<String> platformRead = List.of(
                "java.base@17.0.15/sun.nio.ch.Net.poll(Native Method)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:186)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:290)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:314)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)",
                "java.base@17.0.15/java.net.Socket$SocketInputStream.read(Socket.java:976)",
                "app//com.acme.Server.serve(Server.java:40)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");
        SnapshotBuilder server = snapshot();
        for (int i = 0; i < 20; i++) {
            server.thread(thread(300 + i, "connection-" + i).runnable().stack(platformRead)
                    .createdAt("com.acme.Server.accept(Server.java:22)", "java.base/java.lang.Thread.run(Thread.java:840)")
                    .createdBy(2).startedAgo(10 * STUCK - i * STUCK / 2));
            server.thread(thread(400 + i, "").virtual().waiting().stack(Stacks.VIRTUAL_SOCKET_READ_JDK25)
                    .createdAt("com.acme.Server.accept(Server.java:22)", "java.base/java.lang.Thread.run(Thread.java:840)")
                    .createdBy(2).startedAgo(10 * STUCK - i * STUCK / 2).stalledFor(STUCK));
        }
        assertThat(detect(server.build())).isEmpty();
    }

    @Test
    void aFixedSetStartedTogetherByOneThreadIsNotAPileUpHoweverLarge() {
        SnapshotBuilder perCore = snapshot();
        for (int i = 0; i < 64; i++) {
            perCore.thread(thread(200 + i, "worker-" + i).waiting().stack(Stacks.TIMER_IDLE_JDK25)
                    .createdAt("com.acme.Workers.startAll(Workers.java:12)", "com.acme.Main.main(Main.java:5)")
                    .createdBy(1).startedAgo(10 * STUCK - i).stalledFor(9 * STUCK));
        }
        assertThat(detect(perCore.build())).isEmpty();
    }

    @Test
    void farMoreThanOneBurstFromSeveralCallersIsAPileUpBeforeStuckAfter() {
        int many = ThreadPileUpDetector.BURST_FACTOR * OPTIONS.pileUp() + 1;
        // all started within two seconds, by four request threads
        assertThat(detect(timers(snapshot(), 100, many, 2_000, TIMER_PER_CALL).build())).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(many));
        // fewer, in a burst: not yet told apart from a set started together
        assertThat(detect(timers(snapshot(), 100, many - 1, 2_000, TIMER_PER_CALL).build())).isEmpty();
    }

    @Test
    void twoPlacesCallingTheSameLibraryMethodAreTwoSites() {
        SnapshotBuilder both = timers(snapshot(), 100, 6, 4 * STUCK, TIMER_PER_CALL);
        timers(both, 200, 6, 4 * STUCK, TIMER_FROM_REPORTS);
        assertThat(detect(both.build())).as("6 + 6 from two sites").isEmpty();

        SnapshotBuilder bigger = timers(snapshot(), 100, 10, 4 * STUCK, TIMER_PER_CALL);
        timers(bigger, 200, 9, 4 * STUCK, TIMER_FROM_REPORTS);
        assertThat(detect(bigger.build())).extracting(Finding::count).containsExactly(10, 9);
    }

    @Test
    void theJdkFramesBelowTheApplicationDoNotSplitASite() {
        SnapshotBuilder mixed = timers(snapshot(), 100, 5, 4 * STUCK, TIMER_PER_CALL);
        timers(mixed, 200, 5, 3 * STUCK, TIMER_PER_CALL_ON_FORK_JOIN);
        assertThat(detect(mixed.build())).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(10));
    }

    @Test
    void idleJdkTimersAndDaemonsCount() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 10; i++) {
            builder.thread(thread(300 + i, "Timer-" + i).waiting().daemon().stack(Stacks.TIMER_IDLE_JDK25)
                    .createdAt("java.base/java.util.Timer.<init>(Timer.java:188)", "com.acme.Poller.poll(Poller.java:9)")
                    .startedAgo(10 * STUCK - i * STUCK).stalledFor(STUCK * 2));
        }
        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(10);
            assertThat(f.summary()).startsWith("10 idle daemon threads started at Poller.poll(Poller.java:9) are alive");
        });
    }

    @Test
    void aSystemThreadIdleAtTheSameStackDoesNotHideTheApplicationsPileUp() {
        List<String> site = List.of("java.base/java.util.Timer.<init>(Timer.java:188)", "com.acme.Poller.poll(Poller.java:9)");
        SnapshotBuilder builder = snapshot().thread(thread(299, "JFR Periodic Tasks").waiting().daemon()
                .stack(Stacks.TIMER_IDLE_JDK25).createdAt(site).startedAgo(11 * STUCK).stalledFor(STUCK * 2));
        for (int i = 0; i < 10; i++) {
            builder.thread(thread(300 + i, "Timer-" + i).waiting().daemon().stack(Stacks.TIMER_IDLE_JDK25)
                    .createdAt(site).startedAgo(10 * STUCK - i * STUCK).stalledFor(STUCK * 2));
        }
        assertThat(detect(builder.build())).singleElement()
                .satisfies(f -> assertThat(f.count()).as("the ten timers, not the JVM's thread").isEqualTo(10));
    }

    @Test
    void poolWorkersStuckRunningVirtualAgentAndUnknownSiteThreadsAreNotCounted() {
        SnapshotBuilder builder = snapshot();
        String site = "com.acme.Jobs.start(Jobs.java:7)";
        for (int i = 0; i < 10; i++) {
            long oldest = 10 * STUCK - i * STUCK;
            builder.thread(thread(100 + i, "w-" + i).waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor("jobs")
                            .createdAt(site).startedAgo(oldest))
                    .thread(thread(200 + i, "stuck-" + i).waiting().stack(Stacks.PIPELINE_PUT).createdAt(site)
                            .startedAgo(oldest).stalledFor(2 * STUCK))
                    .thread(thread(300 + i, "busy-" + i).runnable().createdAt(site).startedAgo(oldest))
                    .thread(thread(400 + i, "").virtual().timedWaiting().createdAt(site).startedAgo(oldest))
                    .thread(thread(500 + i, "threadhound-x-" + i).timedWaiting().createdAt(site).startedAgo(oldest))
                    .thread(thread(600 + i, "unknown-" + i).timedWaiting().startedAgo(oldest));
        }
        assertThat(detect(builder.build())).isEmpty();
    }

    /** An event loop group made per call and never shut down: Netty starts each loop's thread on first use. */
    private static final String[] EVENT_LOOP_PER_CALL = {
        "io.netty.util.concurrent.ThreadPerTaskExecutor.execute(ThreadPerTaskExecutor.java:32)",
        "io.netty.util.concurrent.SingleThreadEventExecutor.doStartThread(SingleThreadEventExecutor.java:1231)",
        "io.netty.bootstrap.Bootstrap.connect(Bootstrap.java:123)",
        "com.acme.Quotes.fetch(Quotes.java:26)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    /** Such a loop waiting for events: {@code RUNNABLE}, in native code. */
    private static final List<String> EVENT_LOOP_SELECTING = List.of(
            "java.base/sun.nio.ch.EPoll.wait(Native Method)",
            "java.base/sun.nio.ch.EPollSelectorImpl.doSelect(EPollSelectorImpl.java:121)",
            "java.base/sun.nio.ch.SelectorImpl.lockAndDoSelect(SelectorImpl.java:130)",
            "java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:142)",
            "io.netty.channel.nio.NioIoHandler.select(NioIoHandler.java:646)",
            "io.netty.channel.nio.NioIoHandler.run(NioIoHandler.java:432)",
            "io.netty.util.concurrent.SingleThreadEventExecutor$5.run(SingleThreadEventExecutor.java:1224)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** The same loop on Netty's native transport (Armeria's event loops on Linux): epoll_wait in native code. */
    private static final List<String> EVENT_LOOP_EPOLL_WAITING = List.of(
            "io.netty.channel.epoll.Native.epollWait0(Native Method)",
            "io.netty.channel.epoll.Native.epollWait(Native.java:193)",
            "io.netty.channel.epoll.EpollIoHandler.epollWait(EpollIoHandler.java:404)",
            "io.netty.channel.epoll.EpollIoHandler.run(EpollIoHandler.java:470)",
            "io.netty.channel.SingleThreadIoEventLoop.runIo(SingleThreadIoEventLoop.java:204)",
            "io.netty.channel.SingleThreadIoEventLoop.run(SingleThreadIoEventLoop.java:175)",
            "io.netty.util.concurrent.SingleThreadEventExecutor$5.run(SingleThreadEventExecutor.java:1224)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** The CPU a loop uses to start, within its first second: more than 2 % of the few seconds it has run since. */
    private static final long STARTING = 200_000_000;

    /**
     * Twenty such loops, carried over seven cycles a second apart in which the source took the stacks of four of
     * them each (it looks at a few running threads a cycle), each loop using {@code cpuPerSecond} of CPU once
     * started.
     */
    private static Snapshot eventLoopsSeenFourACycle(long cpuPerSecond) {
        return eventLoopsSeenFourACycle(cpuPerSecond, EVENT_LOOP_SELECTING);
    }

    private static Snapshot eventLoopsSeenFourACycle(long cpuPerSecond, List<String> waiting) {
        Snapshot carried = null;
        for (int cycle = 0; cycle <= 6; cycle++) {
            SnapshotBuilder builder = SnapshotBuilder.snapshotAt(SnapshotBuilder.NOW + cycle * 1_000L);
            for (int i = 0; i < 20; i++) {
                builder.thread(thread(700 + i, "multiThreadIoEventLoopGroup-" + (2 + i) + "-1").runnable()
                        .stack(i % 5 == cycle % 5 ? waiting : List.of())
                        .cpu(1_000_000 + (cycle > 0 ? STARTING : 0) + cycle * cpuPerSecond)
                        .createdAt(EVENT_LOOP_PER_CALL).createdBy(1)
                        .startedAgo(4 * STUCK - i * (4 * STUCK / 20)));
            }
            carried = Progress.carry(carried, builder.build());
        }
        return carried;
    }

    @Test
    void eventLoopsPilingUpAreAllCountedThoughOnlyAFewStacksAreTakenEachCycle() {
        assertThat(detect(eventLoopsSeenFourACycle(20_000))).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
            assertThat(f.count()).as("every loop seen selecting in its run, not only this cycle's four").isEqualTo(20);
            assertThat(f.summary()).startsWith("20 idle threads started at ThreadPerTaskExecutor.execute(");
        });
    }

    @Test
    void eventLoopsOfNettysNativeTransportPilingUpAreCountedToo() {
        assertThat(detect(eventLoopsSeenFourACycle(20_000, EVENT_LOOP_EPOLL_WAITING))).singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(20));
    }

    @Test
    void runningThreadsSeenSelectingOnceButBusySinceAreNotCountedAsIdle() {
        assertThat(detect(eventLoopsSeenFourACycle(500_000_000)))
                .as("only the four whose stacks show them selecting now are idle: fewer than pileUp").isEmpty();
    }

    /** JSch's session thread, reading its connection between messages: {@code RUNNABLE}, in native code. */
    private static final List<String> SESSION_READING = List.of(
            "java.base@17.0.15/sun.nio.ch.Net.poll(Native Method)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:186)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:195)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:319)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)",
            "java.base@17.0.15/java.net.Socket$SocketInputStream.read(Socket.java:966)",
            "com.jcraft.jsch.IO.getByte(IO.java:95)",
            "com.jcraft.jsch.Session.read(Session.java:1306)",
            "com.jcraft.jsch.Session.run(Session.java:1917)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** An SSH session opened per call: JSch starts the session's thread in the application's {@code connect}. */
    private static final String[] SESSION_PER_CALL = {
        "java.base/java.lang.Thread.start(Thread.java:809)",
        "com.jcraft.jsch.Session.connect(Session.java:550)",
        "com.jcraft.jsch.Session.connect(Session.java:183)",
        "com.acme.Deploy.upload(Deploy.java:48)",
        "com.acme.Server.handle(Server.java:50)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    /** A database's TCP server starting a thread for each connection it accepts, from its own listener. */
    private static final String[] CONNECTION_ACCEPTED = {
        "java.base/java.lang.Thread.start(Thread.java:809)",
        "org.h2.server.TcpServer.listen(TcpServer.java:226)",
        "org.h2.tools.Server.run(Server.java:705)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    /** What such a server's connection thread reads with: the next request. */
    private static final List<String> SERVER_READING = List.of(
            "java.base@17.0.15/sun.nio.ch.Net.poll(Native Method)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:186)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:319)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)",
            "java.base@17.0.15/java.net.Socket$SocketInputStream.read(Socket.java:966)",
            "java.base@17.0.15/java.io.DataInputStream.readInt(DataInputStream.java:381)",
            "org.h2.value.Transfer.readInt(Transfer.java:162)",
            "org.h2.server.TcpServerThread.process(TcpServerThread.java:256)",
            "org.h2.server.TcpServerThread.run(TcpServerThread.java:189)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /**
     * Twelve threads reading connections, opened from {@code site} over four times {@code stuckAfter}, carried over
     * seven cycles in which the source took the stacks of four of them each, using no CPU once started.
     */
    private static Snapshot readersSeenFourACycle(String[] site, List<String> reading, String name) {
        Snapshot carried = null;
        for (int cycle = 0; cycle <= 6; cycle++) {
            SnapshotBuilder builder = SnapshotBuilder.snapshotAt(SnapshotBuilder.NOW + cycle * 1_000L);
            for (int i = 0; i < 12; i++) {
                builder.thread(thread(900 + i, name).runnable().stack(i % 3 == cycle % 3 ? reading : List.of())
                        .cpu(300_000).createdAt(site).createdBy(50 + i % 4)
                        .startedAgo(4 * STUCK - i * (4 * STUCK / 12)));
            }
            carried = Progress.carry(carried, builder.build());
        }
        return carried;
    }

    @Test
    void connectionsALibraryCallOpenedAndNeverClosedPileUpByTheirReaders() {
        assertThat(detect(readersSeenFourACycle(SESSION_PER_CALL, SESSION_READING, "Connect thread 10.0.0.7 session")))
                .singleElement().satisfies(f -> {
                    assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
                    assertThat(f.count()).as("every session seen reading in its run, not only this cycle's four")
                            .isEqualTo(12);
                    assertThat(f.summary()).startsWith("12 idle threads reading connections started at"
                            + " Session.connect(Session.java:550) via Deploy.upload(Deploy.java:48)")
                            .endsWith("the connections are never closed");
                });
    }

    /** The same sessions opened by a pool of them as demand grew (commons-pool2 around the application's factory). */
    private static final String[] SESSION_FOR_A_POOL = {
        "java.base/java.lang.Thread.start(Thread.java:809)",
        "com.jcraft.jsch.Session.connect(Session.java:550)",
        "com.acme.SessionFactory.create(SessionFactory.java:21)",
        "org.apache.commons.pool2.BasePooledObjectFactory.makeObject(BasePooledObjectFactory.java:58)",
        "org.apache.commons.pool2.impl.GenericObjectPool.create(GenericObjectPool.java:571)",
        "org.apache.commons.pool2.impl.GenericObjectPool.borrowObject(GenericObjectPool.java:298)",
        "com.acme.Deploy.upload(Deploy.java:48)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    @Test
    void connectionsAPoolOpenedAsDemandGrewAreNoPileUp() {
        assertThat(detect(readersSeenFourACycle(SESSION_FOR_A_POOL, SESSION_READING, "Connect thread 10.0.0.7 session")))
                .isEmpty();
    }

    /** Sessions opened per request on a web server's request threads, which run in a pool of threads. */
    private static final String[] SESSION_PER_REQUEST = {
        "java.base/java.lang.Thread.start(Thread.java:809)",
        "com.jcraft.jsch.Session.connect(Session.java:550)",
        "com.acme.Deploy.upload(Deploy.java:48)",
        "com.acme.DeployServlet.doPost(DeployServlet.java:30)",
        "org.eclipse.jetty.ee10.servlet.ServletHolder.handle(ServletHolder.java:736)",
        "org.eclipse.jetty.util.thread.QueuedThreadPool.runJob(QueuedThreadPool.java:979)",
        "org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1209)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    @Test
    void connectionsOpenedPerRequestOnAServersPoolOfThreadsStillPileUp() {
        assertThat(detect(readersSeenFourACycle(SESSION_PER_REQUEST, SESSION_READING, "Connect thread 10.0.0.7 session")))
                .singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(12));
    }

    @Test
    void aLibraryServersThreadsReadingTheConnectionsItAcceptedAreNoPileUp() {
        assertThat(detect(readersSeenFourACycle(CONNECTION_ACCEPTED, SERVER_READING, "H2 TCP Server (tcp://10.0.0.7:9092) thread")))
                .isEmpty();
    }

    /** A server's worker group starting a loop for a new connection, from its boss loop: no caller outside Netty. */
    private static final String[] EVENT_LOOP_FOR_A_NEW_CONNECTION = {
        "io.netty.util.concurrent.ThreadPerTaskExecutor.execute(ThreadPerTaskExecutor.java:32)",
        "io.netty.util.concurrent.SingleThreadEventExecutor.doStartThread(SingleThreadEventExecutor.java:1188)",
        "io.netty.channel.MultithreadEventLoopGroup.register(MultithreadEventLoopGroup.java:86)",
        "io.netty.bootstrap.ServerBootstrap$ServerBootstrapAcceptor.channelRead(ServerBootstrap.java:247)",
        "io.netty.channel.nio.NioIoHandler.run(NioIoHandler.java:484)",
        "io.netty.util.concurrent.SingleThreadEventExecutor$5.run(SingleThreadEventExecutor.java:1204)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    /** Sixteen event loops started from {@code site} over four times {@code stuckAfter}, named by {@code name}. */
    private static Snapshot loopsStartedOneByOne(String[] site, IntFunction<String> name) {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 16; i++) {
            builder.thread(thread(800 + i, name.apply(i)).runnable().stack(EVENT_LOOP_SELECTING).createdAt(site)
                    .createdBy(799).startedAgo(4 * STUCK - i * (4 * STUCK / 16)));
        }
        return builder.build();
    }

    @Test
    void aServersWorkerGroupStartingItsLoopsAsConnectionsArriveIsOnePoolFillingUp() {
        assertThat(detect(loopsStartedOneByOne(EVENT_LOOP_FOR_A_NEW_CONNECTION,
                i -> "multiThreadIoEventLoopGroup-3-" + (i + 1)))).isEmpty();
    }

    /** A program's own per-call poller, started by its own code: every frame in one package root, like a library. */
    private static final String[] POLLER_PER_CALL = {
        "com.acme.Threads.start(Threads.java:12)",
        "com.acme.Inbox.lambda$open$0(Inbox.java:30)",
        "com.acme.Threads.every(Threads.java:20)",
        "java.base/java.lang.Thread.run(Thread.java:840)"};

    @Test
    void loopsOfManyGroupsOrCalledForByTheApplicationStillPileUp() {
        assertThat(detect(loopsStartedOneByOne(POLLER_PER_CALL, i -> "per-call-poller-" + (i + 1))))
                .as("numbered by one counter, no pool's number").singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(16));
        assertThat(detect(loopsStartedOneByOne(EVENT_LOOP_FOR_A_NEW_CONNECTION,
                i -> "multiThreadIoEventLoopGroup-" + (3 + i) + "-1")))
                .as("a new group each time: many series").singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(16));
        assertThat(detect(loopsStartedOneByOne(EVENT_LOOP_PER_CALL, i -> "multiThreadIoEventLoopGroup-3-" + (i + 1))))
                .as("started from the application's call").singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(16));
    }
}
