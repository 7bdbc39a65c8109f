package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.HotRun;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadHistory;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.SnapshotBuilder.snapshotAt;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class LeakedThreadDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(30));
    private static final long STUCK = 30_000;

    private final LeakedThreadDetector detector = new LeakedThreadDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    /** Netty 4.1's HashedWheelTimer.stop(): it interrupts its worker and joins it, 100 ms at a time, until it ends. */
    private static final List<String> STOP_JOINING = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "java.base@17.0.15/java.lang.Thread.join(Thread.java:1304)",
            "io.netty.util.HashedWheelTimer.stop(HashedWheelTimer.java:405)",
            "com.acme.Billing.close(Billing.java:88)");

    @Test
    void aThreadJoiningAStuckThreadIsNamedWithWhereItWaitsForIt() {
        Snapshot s = snapshot()
                .thread(thread(40, "timer-1").waiting().stack(Stacks.PIPELINE_PUT)
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@5e").stalledFor(42_000)
                        .identity("io.netty.util.concurrent.FastThreadLocalThread@1f2e"))
                .thread(thread(1, "main").timedWaiting().stack(STOP_JOINING)
                        .blockedOn("io.netty.util.concurrent.FastThreadLocalThread@1f2e").stalledFor(42_000))
                .thread(thread(41, "other-joiner").timedWaiting().stack(STOP_JOINING)
                        .blockedOn("java.lang.Thread@77").stalledFor(42_000))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.summary()).endsWith("; main waits for it in Thread.join at"
                    + " HashedWheelTimer.stop(HashedWheelTimer.java:405) via Billing.close(Billing.java:88)");
            assertThat(f.victims()).extracting(FindingThread::name).containsExactly("main");
        });
    }

    /** The timer thread {@code main} joins, 100 ms at a time, as {@link #STOP_JOINING} does. */
    private static final String TIMER = "io.netty.util.concurrent.FastThreadLocalThread@1f2e";

    private static ThreadBuilder stuckTimer(long stalledMillis) {
        return thread(40, "timer-1").waiting().stack(Stacks.PIPELINE_PUT)
                .blockedOn("java.util.concurrent.CountDownLatch$Sync@5e").stalledFor(stalledMillis).identity(TIMER);
    }

    /** A second ago {@code main} was in one of its joins of the stuck timer thread; now it is {@code main}. */
    private static Snapshot afterAJoin(ThreadBuilder main) {
        Snapshot joining = Progress.carry(null, snapshotAt(NOW - 1_000).thread(stuckTimer(41_000))
                .thread(thread(1, "main").timedWaiting().stack(STOP_JOINING).blockedOn(TIMER).cpu(1_000_000))
                .build());
        return Progress.carry(joining, snapshotAt(NOW).thread(stuckTimer(42_000)).thread(main).build());
    }

    @Test
    void aJoinerCaughtBetweenTwoOfItsJoinsIsStillNamedWithWhereItWaits() {
        // its join(100) ran out: woken, it waits for a core on a crowded machine before it interrupts and joins again
        Snapshot between = afterAJoin(thread(1, "main").runnable().cpu(1_100_000).stack(
                "java.base@17.0.15/java.lang.Thread.isAlive(Native Method)",
                "io.netty.util.HashedWheelTimer.stop(HashedWheelTimer.java:403)",
                "com.acme.Billing.close(Billing.java:88)"));

        assertThat(detect(between)).singleElement().satisfies(f -> {
            assertThat(f.summary()).endsWith("; main waits for it in Thread.join at"
                    + " HashedWheelTimer.stop(HashedWheelTimer.java:405) via Billing.close(Billing.java:88)");
            assertThat(f.victims()).extracting(FindingThread::name).containsExactly("main");
        });
    }

    @Test
    void aThreadThatJoinedAndWentOnToOtherWorkIsNotNamed() {
        Snapshot after = afterAJoin(thread(1, "main").runnable().cpu(900_000_000).stack(Stacks.WORKER_COMPUTING));

        assertThat(detect(after)).singleElement().satisfies(f -> {
            assertThat(f.summary()).doesNotContain("waits for it");
            assertThat(f.victims()).isNull();
        });
    }

    @Test
    void aStuckThreadNobodyJoinsNamesNoWaiter() {
        Snapshot s = snapshot()
                .thread(thread(40, "timer-1").waiting().stack(Stacks.PIPELINE_PUT)
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@5e").stalledFor(42_000))
                .thread(thread(1, "main").timedWaiting().stack(STOP_JOINING)
                        .blockedOn("io.netty.util.concurrent.FastThreadLocalThread@1f2e").stalledFor(42_000))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.summary()).doesNotContain("waits for it");
            assertThat(f.victims()).isNull();
        });
    }

    @Test
    void reportsAThreadStuckPastStuckAfterWithWhereItWaitsAndWhereItWasStarted() {
        Snapshot s = snapshot().thread(thread(31, "pipeline-stage-2").waiting()
                .stack(Stacks.PIPELINE_PUT).createdAt(Stacks.PIPELINE_CREATED.toArray(String[]::new))
                .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4d5d943d")
                .stalledFor(42_000)).build();

        List<Finding> findings = detect(s);

        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.type()).isEqualTo(FindingType.LEAKED_THREAD);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.durationMs()).isEqualTo(42_000L);
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.summary()).isEqualTo("thread pipeline-stage-2 waiting for 42s in ArrayBlockingQueue.put"
                + " at Pipeline.stage(Pipeline.java:52) on AbstractQueuedSynchronizer$ConditionObject@4d5d943d,"
                + " started at Pipeline.start(Pipeline.java:30)");
        FindingThread shown = f.threads().get(0);
        assertThat(shown.name()).isEqualTo("pipeline-stage-2");
        assertThat(shown.id()).isEqualTo(31);
        assertThat(shown.stack()).isEqualTo(Stacks.PIPELINE_PUT);
        assertThat(shown.createdAt()).isEqualTo(Stacks.PIPELINE_CREATED);
    }

    @Test
    void aThreadALibraryStartedNamesTheApplicationsCallToTheLibraryToo() {
        Snapshot s = snapshot().thread(thread(40, "Thread-0").waiting().stack(Stacks.CONSUMER_TAKE)
                .createdAt("java.base/java.util.concurrent.CompletableFuture.asyncSupplyStage(CompletableFuture.java:1782)",
                        "com.github.benmanes.caffeine.cache.CacheLoader.asyncLoad(CacheLoader.java:107)",
                        "com.github.benmanes.caffeine.cache.LocalAsyncCache.get(LocalAsyncCache.java:92)",
                        "com.acme.Prices.asyncMisuse(Prices.java:65)", "com.acme.Main.main(Main.java:12)")
                .stalledFor(STUCK)).build();

        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary())
                .endsWith(", started at CacheLoader.asyncLoad(CacheLoader.java:107) via Prices.asyncMisuse(Prices.java:65)"));
    }

    @Test
    void aBlockedThreadNamesTheMonitorAndItsOwner() {
        Snapshot s = snapshot().thread(thread(5, "settler").blocked().stack(Stacks.monitorEnter("settle", 42))
                .blockedOn("com.acme.Ledger@1b6d3586").heldBy(9, "auditor").stalledFor(STUCK)).build();

        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary())
                .isEqualTo("thread settler blocked for 30s at Ledger.settle(Ledger.java:42)"
                        + " on Ledger@1b6d3586 held by auditor"));
    }

    /** The source has not taken its stack yet: what it waits on, a thread, says it is in join() all the same. */
    @Test
    void aJoiningThreadIsIdleWithOrWithoutItsStack() {
        Snapshot s = snapshot()
                .thread(thread(6, "producer").waiting().stack(Stacks.JOINING).blockedOn("java.lang.Thread@77f03bb1")
                        .stalledFor(STUCK))
                .thread(thread(7, "consumer").waiting().blockedOn("java.lang.Thread@77f03bb1").stalledFor(STUCK))
                .build();

        assertThat(detect(s)).isEmpty();
    }

    /**
     * JDK 25's {@code ForkJoinPool.close()} waits for the pool's tasks without a timeout: a batch that takes minutes is
     * no leak, and a task that never returns is the pool's {@code LEAKED_TASK}, which names this thread.
     */
    @Test
    void aThreadWaitingForAPoolToTerminateIsIdle() {
        List<String> closing = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:789)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly(AbstractQueuedSynchronizer.java:1161)",
                "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:233)",
                "java.base/java.util.concurrent.ForkJoinPool.close(ForkJoinPool.java:4231)",
                "com.acme.Batch.run(Batch.java:40)");
        Snapshot s = snapshot()
                .thread(thread(1, "main").waiting().stack(closing)
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@5e7f7949").stalledFor(10 * STUCK))
                .build();

        assertThat(detect(s)).isEmpty();
    }

    @Test
    void stalledJustUnderStuckAfterIsNotReported() {
        Snapshot s = snapshot().thread(thread(31, "pipeline-stage-2").waiting().stack(Stacks.PIPELINE_PUT)
                .stalledFor(STUCK - 1)).build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void stalledExactlyStuckAfterIsReported() {
        Snapshot s = snapshot().thread(thread(31, "pipeline-stage-2").waiting().stack(Stacks.PIPELINE_PUT)
                .stalledFor(STUCK)).build();
        assertThat(detect(s)).hasSize(1);
    }

    @Test
    void timedWaitingAndRunnableThreadsNeverLeak() {
        Snapshot s = snapshot()
                .thread(thread(1, "poller").timedWaiting().stack(Stacks.CONSUMER_TAKE).stalledFor(10 * STUCK))
                .thread(thread(2, "spinner").runnable().stack(Stacks.WORKER_COMPUTING).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aRunBlockingWhoseCoroutineNeverCompletesIsStuckThoughItsThreadParksWithATimeout() {
        Snapshot s = snapshot()
                .thread(thread(3, "token-waiter").timedWaiting().stack(Stacks.RUN_BLOCKING_WAITING)
                        .blockedOn("kotlinx.coroutines.BlockingCoroutine@2ef4b617").stalledFor(STUCK))
                .thread(thread(4, "token-waiter-2").timedWaiting().stack(Stacks.RUN_BLOCKING_WAITING)
                        .blockedOn("kotlinx.coroutines.BlockingCoroutine@5e4b1e1b").stalledFor(STUCK - 1))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> {
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("token-waiter");
            assertThat(f.summary()).startsWith("thread token-waiter waiting for 30s in LockSupport.parkNanos at"
                    + " BlockingCoroutine.joinBlocking(Builders.kt:57) via TokensKt.fetchToken(Tokens.kt:46)"
                    + " on BlockingCoroutine@2ef4b617");
        });
    }

    @Test
    void aThreadWhoseStallIsUnknownIsNotReported() {
        Snapshot s = snapshot().thread(thread(1, "consumer").waiting().stack(Stacks.CONSUMER_TAKE)).build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void idlePoolWorkersInGetTaskAreNotReported() {
        Snapshot s = snapshot()
                .thread(thread(21, "pool-1-thread-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17)
                        .stalledFor(10 * STUCK))
                .thread(thread(22, "pool-2-thread-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK25)
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void loggingLibrariesWorkersWaitingForTheNextEventAreIdleButOneStuckAppendingIsNot() {
        Snapshot s = snapshot()
                .thread(thread(31, "AsyncAppender-Worker-ASYNC").waiting().daemon()
                        .stack(Stacks.LOGBACK_ASYNC_WORKER_IDLE)
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4292b313")
                        .stalledFor(10 * STUCK))
                .thread(thread(33, "Log4j2-AsyncAppenderEventDispatcher-1-ASYNC").waiting().daemon()
                        .stack(Stacks.LOG4J2_ASYNC_DISPATCHER_IDLE)
                        .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@7c8eff72")
                        .stalledFor(10 * STUCK))
                .thread(thread(32, "AsyncAppender-Worker-AUDIT").waiting().daemon()
                        .stack(Stacks.LOGBACK_ASYNC_WORKER_STUCK_APPENDING)
                        .blockedOn("java.util.concurrent.locks.ReentrantLock$NonfairSync@5e9f23b4")
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f ->
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("AsyncAppender-Worker-AUDIT"));
    }

    @Test
    void aThreadALibraryStartedFromItsOwnThreadNamesTheApplicationsCallThroughThatThread() {
        // Java-WebSocket's client starts its write thread from its own connect thread: a stack of library frames only
        Snapshot s = snapshot()
                .thread(thread(20, "WebSocketConnectReadThread-20").runnable()
                        .createdAt("org.java_websocket.client.WebSocketClient.connect(WebSocketClient.java:384)",
                                "com.acme.Quotes.quote(Quotes.java:59)"))
                .thread(thread(21, "WebSocketWriteThread-21").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(STUCK)
                        .createdBy(20).createdAt("org.java_websocket.client.WebSocketClient.run(WebSocketClient.java:536)",
                                "java.base/java.lang.Thread.run(Thread.java:1583)"))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary()).endsWith(
                ", started at WebSocketClient.run(WebSocketClient.java:536) by a thread started at"
                        + " WebSocketClient.connect(WebSocketClient.java:384) via Quotes.quote(Quotes.java:59)"));
    }

    @Test
    void javaWebSocketsServerWorkersAndClientWriteThreadsWaitingForMessagesAreIdle() {
        List<String> take = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1763)",
                "java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)");
        List<String> worker = new java.util.ArrayList<>(take);
        worker.addAll(List.of("app//org.java_websocket.server.WebSocketServer$WebSocketWorker.run(WebSocketServer.java:1134)"));
        List<String> writer = new java.util.ArrayList<>(take);
        writer.addAll(List.of(
                "app//org.java_websocket.client.WebSocketClient$WebsocketWriteThread.runWriteData(WebSocketClient.java:840)",
                "app//org.java_websocket.client.WebSocketClient$WebsocketWriteThread.run(WebSocketClient.java:815)",
                "java.base/java.lang.Thread.run(Thread.java:1583)"));
        Snapshot s = snapshot()
                .thread(thread(16, "WebSocketWorker-16").waiting().stack(worker).stalledFor(10 * STUCK))
                .thread(thread(21, "WebSocketWriteThread-21").waiting().stack(writer).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void anMqttClientsSenderAndCallbackThreadsAndABrokersSessionLoopWithNothingToDoAreIdle() {
        List<String> sender = List.of(
                "java.base/java.lang.Object.wait0(Native Method)",
                "java.base/java.lang.Object.wait(Object.java:389)",
                "java.base/java.lang.Object.wait(Object.java:351)",
                "app//org.eclipse.paho.client.mqttv3.internal.ClientState.get(ClientState.java:833)",
                "app//org.eclipse.paho.client.mqttv3.internal.CommsSender.run(CommsSender.java:129)",
                "java.base/java.lang.Thread.run(Thread.java:1583)");
        List<String> callback = List.of(
                "java.base/java.lang.Object.wait0(Native Method)",
                "java.base/java.lang.Object.wait(Object.java:389)",
                "java.base/java.lang.Object.wait(Object.java:351)",
                "app//org.eclipse.paho.client.mqttv3.internal.CommsCallback.run(CommsCallback.java:181)",
                "java.base/java.lang.Thread.run(Thread.java:1583)");
        List<String> session = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1763)",
                "java.base/java.util.concurrent.ArrayBlockingQueue.take(ArrayBlockingQueue.java:420)",
                "app//io.moquette.broker.SessionEventLoop.run(SessionEventLoop.java:33)",
                "java.base/java.lang.Thread.run(Thread.java:1583)");
        Snapshot s = snapshot()
                .thread(thread(30, "MQTT Snd: pub-1").waiting().stack(sender).stalledFor(10 * STUCK))
                .thread(thread(31, "MQTT Call: pub-1").waiting().stack(callback).stalledFor(10 * STUCK))
                .thread(thread(32, "Session Executor 0").waiting().stack(session).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void requestsStuckOnOneLineOfAPoolStartedAlongSeveralPathsAreOneFinding() {
        // Spark Java on Jetty 9.4: twelve requests waiting on one latch, on pool threads Jetty started as it grew
        List<String> handler = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
                "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
                "app//com.acme.OrderRoutes.waitForApproval(OrderRoutes.java:9)",
                "app//spark.RouteImpl$1.handle(RouteImpl.java:72)",
                "app//org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1034)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        String startThread = "app//org.eclipse.jetty.util.thread.QueuedThreadPool.startThread(QueuedThreadPool.java:631)";
        List<List<String>> paths = List.of(
                List.of(startThread, "app//org.eclipse.jetty.util.thread.QueuedThreadPool.ensureThreads(QueuedThreadPool.java:609)",
                        "app//org.eclipse.jetty.server.Server.doStart(Server.java:401)", "app//com.acme.Shop.start(Shop.java:10)"),
                List.of(startThread, "app//org.eclipse.jetty.util.thread.QueuedThreadPool.execute(QueuedThreadPool.java:531)",
                        "app//org.eclipse.jetty.io.SelectorManager.execute(SelectorManager.java:128)"),
                List.of(startThread, "app//org.eclipse.jetty.util.thread.QueuedThreadPool.execute(QueuedThreadPool.java:531)",
                        "app//org.eclipse.jetty.util.thread.ReservedThreadExecutor.startReservedThread(ReservedThreadExecutor.java:258)"));
        SnapshotBuilder builder = snapshot();
        // a reserved thread runs the same handler below frames of its own
        List<String> reserved = new java.util.ArrayList<>(handler.subList(0, 5));
        reserved.addAll(List.of(
                "app//org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.run(ReservedThreadExecutor.java:400)",
                "app//org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.run(QueuedThreadPool.java:1034)",
                "java.base/java.lang.Thread.run(Thread.java:840)"));
        for (int i = 0; i < 12; i++) {
            builder.thread(thread(80 + i, "qtp-" + i).waiting().stack(i % 3 == 2 ? reserved : handler).createdAt(paths.get(i % 3))
                    .blockedOn("java.util.concurrent.CountDownLatch$Sync@1").stalledFor(2 * STUCK));
        }
        builder.thread(thread(99, "approver").waiting().stack(handler).createdAt("com.acme.Approvals.start(Approvals.java:5)")
                .blockedOn("java.util.concurrent.CountDownLatch$Sync@1").stalledFor(2 * STUCK));

        assertThat(detect(builder.build())).extracting(Finding::count).containsExactlyInAnyOrder(12, 1);
    }

    /** Apache HttpClient 4.5 with no socket timeout, its request sent, the server never answering (JDK 17). */
    private static final List<String> HTTP_CLIENT_NO_TIMEOUT = List.of(
            "java.base@17.0.15/sun.nio.ch.SocketDispatcher.read0(Native Method)",
            "java.base@17.0.15/sun.nio.ch.SocketDispatcher.read(SocketDispatcher.java:47)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.tryRead(NioSocketImpl.java:266)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:317)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)",
            "java.base@17.0.15/java.net.Socket$SocketInputStream.read(Socket.java:966)",
            "app//org.apache.http.impl.io.SessionInputBufferImpl.streamRead(SessionInputBufferImpl.java:137)",
            "app//org.apache.http.impl.io.SessionInputBufferImpl.readLine(SessionInputBufferImpl.java:280)",
            "app//org.apache.http.impl.conn.DefaultHttpResponseParser.parseHead(DefaultHttpResponseParser.java:138)",
            "app//org.apache.http.impl.io.AbstractMessageParser.parse(AbstractMessageParser.java:259)",
            "app//org.apache.http.impl.DefaultBHttpClientConnection.receiveResponseHeader(DefaultBHttpClientConnection.java:163)",
            "app//org.apache.http.protocol.HttpRequestExecutor.execute(HttpRequestExecutor.java:125)",
            "app//org.apache.http.impl.client.CloseableHttpClient.execute(CloseableHttpClient.java:108)",
            "app//com.acme.Quotes.fetch(Quotes.java:31)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    @Test
    void anHttpCallWithoutATimeoutThatTheServerNeverAnswersIsStuckButAReadWithATimeoutOrAServersReadIsNot() {
        List<String> withTimeout = new java.util.ArrayList<>(List.of(
                "java.base@17.0.15/sun.nio.ch.Net.poll(Native Method)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:186)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:290)"));
        withTimeout.addAll(HTTP_CLIENT_NO_TIMEOUT.subList(3, HTTP_CLIENT_NO_TIMEOUT.size()));
        List<String> serverReading = new java.util.ArrayList<>(HTTP_CLIENT_NO_TIMEOUT.subList(0, 6));
        serverReading.addAll(List.of("app//com.acme.LineServer$Connection.readRequest(LineServer.java:40)",
                "app//com.acme.LineServer$Connection.run(LineServer.java:22)"));
        // JDK 25, a socket made non-blocking by a connect with a timeout: it polls without end instead
        List<String> pollingForever = new java.util.ArrayList<>(List.of(
                "java.base/sun.nio.ch.Net.poll(Native Method)",
                "java.base/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:190)",
                "java.base/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:200)"));
        pollingForever.addAll(HTTP_CLIENT_NO_TIMEOUT.subList(3, HTTP_CLIENT_NO_TIMEOUT.size()));
        Snapshot s = snapshot()
                .thread(thread(60, "quote-fetcher").runnable().stack(HTTP_CLIENT_NO_TIMEOUT).stalledFor(2 * STUCK)
                        .createdAt("com.acme.Quotes.start(Quotes.java:12)"))
                .thread(thread(63, "rate-fetcher").runnable().stack(pollingForever).stalledFor(2 * STUCK)
                        .createdAt("com.acme.Rates.start(Rates.java:12)"))
                .thread(thread(61, "price-fetcher").runnable().stack(withTimeout).stalledFor(2 * STUCK))
                .thread(thread(62, "connection-7").runnable().stack(serverReading).stalledFor(10 * STUCK))
                .build();

        assertThat(detect(s)).extracting(f -> f.threads().get(0).name()).containsExactlyInAnyOrder("quote-fetcher",
                "rate-fetcher");
        assertThat(detect(s)).filteredOn(f -> f.threads().get(0).name().equals("quote-fetcher")).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("thread quote-fetcher waiting for 1m in"
                        + " Socket$SocketInputStream.read at SessionInputBufferImpl.streamRead(SessionInputBufferImpl.java:137)"
                        + " via Quotes.fetch(Quotes.java:31), reading a socket with no timeout for a response the server"
                        + " has not begun, started at Quotes.start(Quotes.java:12)"));
    }

    /** JDK 17's blocking read of a socket with no timeout, down to {@code Socket$SocketInputStream.read}. */
    private static final List<String> READ_17 = List.of(
            "java.base@17.0.15/sun.nio.ch.SocketDispatcher.read0(Native Method)",
            "java.base@17.0.15/sun.nio.ch.SocketDispatcher.read(SocketDispatcher.java:47)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.tryRead(NioSocketImpl.java:266)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:317)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)",
            "java.base@17.0.15/sun.nio.ch.NioSocketImpl$1.read(NioSocketImpl.java:808)",
            "java.base@17.0.15/java.net.Socket$SocketInputStream.read(Socket.java:966)");

    /** JDK 25's endless poll of a socket made non-blocking by a connect with a timeout. */
    private static final List<String> POLL_25 = List.of(
            "java.base@25.0.3/sun.nio.ch.Net.poll(Native Method)",
            "java.base@25.0.3/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:190)",
            "java.base@25.0.3/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:200)",
            "java.base@25.0.3/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:307)",
            "java.base@25.0.3/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:354)",
            "java.base@25.0.3/sun.nio.ch.NioSocketImpl$1.read(NioSocketImpl.java:798)",
            "java.base@25.0.3/java.net.Socket$SocketInputStream.implRead(Socket.java:974)",
            "java.base@25.0.3/java.net.Socket$SocketInputStream.read(Socket.java:964)");

    private static List<String> socketRead(List<String> read, String... above) {
        List<String> stack = new java.util.ArrayList<>(read);
        stack.addAll(List.of(above));
        stack.add("java.base/java.lang.Thread.run(Thread.java:840)");
        return stack;
    }

    @Test
    void clientsOfOtherProtocolsWaitingWithNoTimeoutForAServersFirstAnswerAreStuckButAQuerysResultsOrAServersReadAreNot() {
        // stacks of calls to a server that accepted and never wrote, with each library's default timeouts
        List<String> smtp = socketRead(READ_17,
                "app//org.eclipse.angus.mail.util.LineInputStream.readLine(LineInputStream.java:104)",
                "app//org.eclipse.angus.mail.smtp.SMTPTransport.readServerResponse(SMTPTransport.java:2489)",
                "app//org.eclipse.angus.mail.smtp.SMTPTransport.openServer(SMTPTransport.java:2205)",
                "app//jakarta.mail.Transport.send(Transport.java:102)",
                "app//com.acme.Mailer.notify(Mailer.java:24)");
        List<String> postgres = socketRead(POLL_25,
                "app//org.postgresql.core.PGStream.receiveChar(PGStream.java:480)",
                "app//org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:804)",
                "app//org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:309)",
                "app//org.postgresql.Driver.connect(Driver.java:305)",
                "java.sql@25.0.3/java.sql.DriverManager.getConnection(DriverManager.java:199)",
                "app//com.acme.Orders.connect(Orders.java:30)");
        List<String> mysql = socketRead(READ_17,
                "app//com.mysql.cj.protocol.a.NativeProtocol.readMessage(NativeProtocol.java:586)",
                "app//com.mysql.cj.protocol.a.NativeProtocol.readServerCapabilities(NativeProtocol.java:516)",
                "app//com.mysql.cj.protocol.a.NativeProtocol.beforeHandshake(NativeProtocol.java:411)",
                "app//com.mysql.cj.jdbc.NonRegisteringDriver.connect(NonRegisteringDriver.java:180)",
                "app//com.acme.Billing.connect(Billing.java:40)");
        List<String> ftp = socketRead(POLL_25,
                "java.base@25.0.3/java.io.BufferedReader.read(BufferedReader.java:187)",
                "app//org.apache.commons.net.io.CRLFLineReader.readLine(CRLFLineReader.java:56)",
                "app//org.apache.commons.net.ftp.FTP.getReply(FTP.java:590)",
                "app//org.apache.commons.net.ftp.FTP.getReply(FTP.java:581)",
                "app//org.apache.commons.net.ftp.FTP.sendCommand(FTP.java:1247)",
                "app//org.apache.commons.net.ftp.FTPClient.login(FTPClient.java:2388)",
                "app//com.acme.Uploads.push(Uploads.java:53)");
        List<String> thrift = socketRead(READ_17,
                "app//org.apache.thrift.protocol.TBinaryProtocol.readMessageBegin(TBinaryProtocol.java:271)",
                "app//org.apache.thrift.TServiceClient.receiveBase(TServiceClient.java:79)",
                "app//com.acme.PingClient.ping(PingClient.java:13)");
        List<String> ssh = socketRead(READ_17,
                "app//com.jcraft.jsch.IO.getByte(IO.java:86)",
                "app//com.jcraft.jsch.Session.connect(Session.java:286)",
                "app//com.jcraft.jsch.Session.connect(Session.java:209)",
                "app//com.acme.Deploy.connect(Deploy.java:94)");
        // a long query's results, and a Thrift server reading its next call, wait as long as they need
        List<String> longQuery = socketRead(POLL_25,
                "app//org.postgresql.core.PGStream.receiveChar(PGStream.java:480)",
                "app//org.postgresql.core.v3.QueryExecutorImpl.processResults(QueryExecutorImpl.java:2383)",
                "app//org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:446)",
                "app//org.postgresql.jdbc.PgStatement.executeQuery(PgStatement.java:282)",
                "app//com.acme.Reports.monthly(Reports.java:32)");
        List<String> thriftServer = socketRead(READ_17,
                "app//org.apache.thrift.protocol.TBinaryProtocol.readMessageBegin(TBinaryProtocol.java:271)",
                "app//org.apache.thrift.TBaseProcessor.process(TBaseProcessor.java:28)",
                "app//org.apache.thrift.server.TThreadPoolServer$WorkerProcess.run(TThreadPoolServer.java:248)");
        Snapshot s = snapshot()
                .thread(thread(70, "mailer").runnable().stack(smtp).stalledFor(2 * STUCK))
                .thread(thread(71, "orders").runnable().stack(postgres).stalledFor(2 * STUCK))
                .thread(thread(72, "billing").runnable().stack(mysql).stalledFor(2 * STUCK))
                .thread(thread(73, "uploads").runnable().stack(ftp).stalledFor(2 * STUCK))
                .thread(thread(74, "pinger").runnable().stack(thrift).stalledFor(2 * STUCK))
                .thread(thread(75, "deploy").runnable().stack(ssh).stalledFor(2 * STUCK))
                .thread(thread(76, "reports").runnable().stack(longQuery).stalledFor(10 * STUCK))
                .thread(thread(77, "thrift-worker").runnable().stack(thriftServer).stalledFor(10 * STUCK))
                .build();

        assertThat(detect(s)).extracting(f -> f.threads().get(0).name())
                .containsExactlyInAnyOrder("mailer", "orders", "billing", "uploads", "pinger", "deploy");
        assertThat(detect(s)).filteredOn(f -> f.threads().get(0).name().equals("deploy")).singleElement()
                .satisfies(f -> assertThat(f.summary()).isEqualTo("thread deploy waiting for 1m in"
                        + " Socket$SocketInputStream.read at IO.getByte(IO.java:86) via Deploy.connect(Deploy.java:94),"
                        + " reading a socket with no timeout for a response the server has not begun"));
    }

    @Test
    void aThreadInANativeReadIsJudgedByTheNewestLookAtItWhenThisSnapshotTookNoStack() {
        long lookedAt = SnapshotBuilder.NOW - STUCK;
        ThreadRecord noStackNow = thread(63, "quote-fetcher").runnable().stalledFor(2 * STUCK).build()
                .withHistory(new ThreadHistory(null, null, new HotRun(SnapshotBuilder.NOW - 3 * STUCK, 0, 1,
                        HTTP_CLIENT_NO_TIMEOUT, java.util.Set.of(), HTTP_CLIENT_NO_TIMEOUT, lookedAt, 0)));
        assertThat(detect(snapshot().thread(noStackNow).build())).singleElement().satisfies(f ->
                assertThat(f.threads().get(0).stack()).isEqualTo(HTTP_CLIENT_NO_TIMEOUT));

        ThreadRecord lookedBeforeItLastRan = noStackNow.withStalledSince(lookedAt + 1);
        assertThat(detect(snapshot().thread(lookedBeforeItLastRan).build())).as("the look may be of another call").isEmpty();
    }

    @Test
    void threadsWaitingForAJettyServerOrItsPoolToStopAndGrizzlysIdleWorkersAreIdle() {
        // Spark Java 2.9 (Jetty 9.4) joins its server on a thread of its own; Grizzly 4.1's workers between requests
        List<String> sparkJoin = List.of(
                "java.base/java.lang.Object.wait(Native Method)",
                "app//org.eclipse.jetty.util.thread.QueuedThreadPool.join(QueuedThreadPool.java:744)",
                "app//org.eclipse.jetty.server.Server.join(Server.java:566)",
                "app//spark.embeddedserver.jetty.EmbeddedJettyServer.join(EmbeddedJettyServer.java:163)",
                "app//spark.Service.lambda$init$2(Service.java:645)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> grizzlyWorker = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.base/java.util.concurrent.LinkedTransferQueue.take(LinkedTransferQueue.java:1286)",
                "app//org.glassfish.grizzly.threadpool.FixedThreadPool$BasicWorker.getTask(FixedThreadPool.java:78)",
                "app//org.glassfish.grizzly.threadpool.AbstractThreadPool$Worker.doWork(AbstractThreadPool.java:527)",
                "app//org.glassfish.grizzly.threadpool.AbstractThreadPool$Worker.run(AbstractThreadPool.java:515)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        // Jetty 12.1's VirtualThreadPool keeps this thread while it runs (JDK 25)
        List<String> virtualPoolKeepAlive = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block(AbstractQueuedSynchronizer.java:520)",
                "java.base/java.util.concurrent.ForkJoinPool.unmanagedBlock(ForkJoinPool.java:4364)",
                "java.base/java.util.concurrent.ForkJoinPool.managedBlock(ForkJoinPool.java:4310)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1752)",
                "org.eclipse.jetty.util.thread.AutoLock$WithCondition.await(AutoLock.java:171)",
                "org.eclipse.jetty.util.thread.VirtualThreadPool$1.run(VirtualThreadPool.java:170)",
                "java.base/java.lang.Thread.run(Thread.java:1474)");
        Snapshot s = snapshot()
                .thread(thread(50, "Thread-0").waiting().stack(sparkJoin).stalledFor(10 * STUCK))
                .thread(thread(51, "Grizzly-worker(1)").waiting().stack(grizzlyWorker).stalledFor(10 * STUCK))
                .thread(thread(52, "jetty-virtual-thread-pool-keepalive").waiting().stack(virtualPoolKeepAlive)
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aJGroupsChannelsBundlerWithNothingToSendIsIdle() {
        // JGroups 5.4 on JDK 25: a channel still joining its cluster has sent nothing yet
        List<String> bundler = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1763)",
                "java.base/java.util.concurrent.ArrayBlockingQueue.take(ArrayBlockingQueue.java:421)",
                "app//org.jgroups.protocols.TransferQueueBundler.run(TransferQueueBundler.java:122)",
                "java.base/java.lang.Thread.run(Thread.java:1474)");
        Snapshot s = snapshot()
                .thread(thread(40, "TQ-Bundler-9,cluster,B").waiting().stack(bundler).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aDisruptorsEventProcessorsWaitingForEventsAreIdleButOneStuckInItsHandlerIsNot() {
        Snapshot s = snapshot()
                .thread(thread(41, "Thread-0").waiting().stack(Stacks.DISRUPTOR_PROCESSOR_IDLE)
                        .blockedOn("java.lang.Object@1b6d3586").stalledFor(10 * STUCK))
                .thread(thread(42, "price-handler").waiting().stack(Stacks.DISRUPTOR_HANDLER_STUCK)
                        .blockedOn("java.util.concurrent.CountDownLatch$Sync@4554617c").stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f ->
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("price-handler"));
    }

    @Test
    void aQuietZooKeeperServersRequestStagesAndItsClientsEventThreadAreIdle() {
        SnapshotBuilder builder = snapshot();
        String[] names = {"RequestThrottler", "ProcessThread(sid:0 cport:2181):", "SyncThread:0", "main-EventThread"};
        for (int i = 0; i < names.length; i++) {
            builder.thread(thread(70 + i, names[i]).waiting().stack(Stacks.ZOOKEEPER_IDLE.get(i))
                    .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1f" + i)
                    .stalledFor(10 * STUCK));
        }
        assertThat(detect(builder.build())).isEmpty();
    }

    @Test
    void idleLibraryLoopsAreNotReportedButAHazelcastOperationBlockedInTheApplicationIs() {
        SnapshotBuilder builder = snapshot();
        String[] names = {"hz.m.event-1", "hz.m.generic-operation.thread-0", "hz.m.partition-operation.thread-0",
                "hz.m.response-0", "hz.m.migration"};
        for (int i = 0; i < names.length; i++) {
            ThreadBuilder t = thread(80 + i, names[i]).stack(Stacks.HAZELCAST_IDLE.get(i)).stalledFor(10 * STUCK);
            builder.thread(i == names.length - 1 ? t.timedWaiting() : t.waiting());
        }
        builder.thread(thread(88, "zkservermainrunner").waiting().stack(Stacks.ZOOKEEPER_EMBEDDED_RUNNER)
                .blockedOn("java.util.concurrent.CountDownLatch$Sync@3a515918").stalledFor(10 * STUCK));
        builder.thread(thread(86, "HSQLDB Timer @757942a1").timedWaiting().stack(Stacks.HSQLDB_TIMER_IDLE)
                .blockedOn("org.hsqldb.lib.HsqlTimer$TaskQueue@6c303007").stalledFor(10 * STUCK));
        builder.thread(thread(87, "hz.m.partition-operation.thread-1").waiting().stack(Stacks.HAZELCAST_OPERATION_BLOCKED)
                .blockedOn("java.util.concurrent.locks.ReentrantLock$NonfairSync@5e9f23b4").stalledFor(10 * STUCK));

        assertThat(detect(builder.build())).singleElement().satisfies(f ->
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("hz.m.partition-operation.thread-1"));
        for (List<String> stack : Stacks.HAZELCAST_IDLE) {
            assertThat(ThreadRole.of(thread(1, "hz.m.worker").stack(stack).build())).as(stack.toString())
                    .isEqualTo(ThreadRole.IDLE);
        }
        assertThat(ThreadRole.of(thread(1, "HSQLDB Timer @1").stack(Stacks.HSQLDB_TIMER_IDLE).build()))
                .isEqualTo(ThreadRole.IDLE);
    }

    @Test
    void virtualThreadsReadingIdleConnectionsAndTheJdksPollersAreNotReportedButOneStuckWritingIs() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 3; i++) {
            builder.thread(thread(200 + i, "").virtual().waiting().stack(Stacks.VIRTUAL_SOCKET_READ_JDK25)
                    .createdAt(Stacks.FANOUT_CREATED.toArray(String[]::new)).stalledFor(10 * STUCK));
            builder.thread(thread(300 + i, "SubPoller-" + i).virtual().waiting().stack(Stacks.JDK25_SUB_POLLER)
                    .createdAt(Stacks.FANOUT_CREATED.toArray(String[]::new)).stalledFor(10 * STUCK));
        }
        builder.thread(thread(400, "exporter").virtual().waiting().stack(Stacks.VIRTUAL_SOCKET_WRITE_JDK25)
                .createdAt(Stacks.FANOUT_CREATED.toArray(String[]::new)).stalledFor(10 * STUCK));

        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("exporter");
            assertThat(f.summary()).contains("at Export.send(Export.java:31)");
        });
    }

    /**
     * A virtual thread parked on nothing has no wait count and names nothing it waits on: every look finds it the
     * same, however many requests it served in between, and only its stack says it waits for the peer. Without a
     * stack it is not judged (a crowded machine left keep-alive connections without one for a few cycles); with one,
     * a bare park in the application's code is.
     */
    @Test
    void aVirtualThreadParkedOnNothingIsJudgedOnlyOnceItsStackIsTaken() {
        Snapshot unknown = snapshot()
                .thread(thread(200, "").virtual().waiting().createdAt(Stacks.FANOUT_CREATED.toArray(String[]::new))
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(unknown)).isEmpty();

        Snapshot parked = snapshot()
                .thread(thread(200, "").virtual().waiting().stack(
                                "java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
                                "java.base/java.lang.System$1.parkVirtualThread(System.java:2285)",
                                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:367)",
                                "com.example.Fanout.awaitTurn(Fanout.java:52)",
                                "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)")
                        .createdAt(Stacks.FANOUT_CREATED.toArray(String[]::new)).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(parked)).singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("in LockSupport.park at Fanout.awaitTurn(Fanout.java:52)"));
    }

    @Test
    void commonPoolWorkersLingeringAfterAParallelStreamAreNotReported() {
        Snapshot s = snapshot()
                .thread(thread(41, "ForkJoinPool.commonPool-worker-1").waiting()
                        .stack(Stacks.COMMON_POOL_IDLE_JDK17)
                        .blockedOn("java.util.concurrent.ForkJoinPool@6f1de4c7").stalledFor(10 * STUCK))
                .thread(thread(42, "ForkJoinPool.commonPool-worker-2").waiting()
                        .stack(Stacks.COMMON_POOL_IDLE_JDK25).stalledFor(10 * STUCK))
                .thread(thread(43, "ForkJoinPool.commonPool-worker-3").waiting()
                        .stack(Stacks.COMMON_POOL_IDLE_JDK11).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void scheduledWorkersBetweenTicksAreNotReported() {
        Snapshot s = snapshot()
                .thread(thread(51, "pool-3-thread-1").timedWaiting().stack(Stacks.SCHEDULED_WORKER_BETWEEN_TICKS)
                        .stalledFor(10 * STUCK))
                .thread(thread(52, "pool-4-thread-1").waiting().stack(Stacks.SCHEDULED_WORKER_NOTHING_SCHEDULED)
                        .stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void theCommonPoolsTimerThreadWithNothingDueIsIdleButOneRunningABlockedTaskIsNot() {
        Snapshot s = snapshot()
                .thread(thread(61, "ForkJoinPool.commonPool-delayScheduler").waiting().daemon()
                        .stack(Stacks.DELAY_SCHEDULER_IDLE_JDK25).stalledFor(10 * STUCK))
                .thread(thread(62, "alarms-delayScheduler").waiting().daemon()
                        .stack(Stacks.DELAY_SCHEDULER_TASK_BLOCKED_JDK25).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f ->
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("alarms-delayScheduler"));
    }

    @Test
    void jvmToolAndAgentThreadsAreNotReported() {
        Snapshot s = snapshot()
                .thread(thread(2, "Finalizer").waiting().stalledFor(10 * STUCK))
                .thread(thread(3, "threadhound-loop").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(10 * STUCK))
                .thread(thread(4, "surefire-forkedjvm-command-thread").waiting().stalledFor(10 * STUCK))
                .thread(thread(5, "Timer-0").waiting().stack(Stacks.TIMER_IDLE_JDK25).stalledFor(10 * STUCK))
                .thread(thread(6, "Cleaner-0").waiting().stack(Stacks.CLEANER_IDLE_JDK25).stalledFor(10 * STUCK))
                .thread(thread(7, "coordinator").waiting().stack(Stacks.JOINING).stalledFor(10 * STUCK))
                .build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void poolWorkersAreLeftToTheTaskDetector() {
        Snapshot s = snapshot().thread(thread(21, "orders-1").waiting().stack(Stacks.WORKER_IN_LATCH_AWAIT)
                .executor("orders").stalledFor(10 * STUCK)).build();
        assertThat(detect(s)).isEmpty();
    }

    @Test
    void aConsumerThatKeepsReceivingItemsIsNotReportedButOneThatStopsIs() {
        long step = 10_000;
        Snapshot carried = null;
        for (int i = 0; i <= 6; i++) {
            Snapshot next = snapshotAt(NOW + i * step)
                    .thread(thread(7, "consumer").waiting().stack(Stacks.CONSUMER_TAKE).counts(0, 100 + i))
                    .build();
            carried = Progress.carry(carried, next);
            assertThat(detect(carried)).as("after %d s", i * 10).isEmpty();
        }
        // Its waits in take() ended within 10 s: it is judged against 10 x that, 100 s, not stuckAfter.
        for (int i = 7; i <= 15; i++) {
            Snapshot next = snapshotAt(NOW + i * step)
                    .thread(thread(7, "consumer").waiting().stack(Stacks.CONSUMER_TAKE).counts(0, 106))
                    .build();
            carried = Progress.carry(carried, next);
            assertThat(detect(carried)).as("after %d s", i * 10).isEmpty();
        }
        carried = Progress.carry(carried, snapshotAt(NOW + 16 * step)
                .thread(thread(7, "consumer").waiting().stack(Stacks.CONSUMER_TAKE).counts(0, 106)).build());
        // Last progress at 60 s, now at 160 s: 100 s without progress.
        assertThat(detect(carried)).singleElement().satisfies(f -> {
            assertThat(f.durationMs()).isEqualTo(100_000L);
            assertThat(f.summary()).startsWith("thread consumer waiting for 1m 40s in LinkedBlockingQueue.take"
                    + " at Consumer.run(Consumer.java:40); its earlier waits there ended within 10s");
        });
    }


    @Test
    void aThreadThatEndsBetweenSnapshotsIsForgotten() {
        Snapshot first = Progress.carry(null, snapshotAt(NOW)
                .thread(thread(7, "short-lived").waiting().stack(Stacks.CONSUMER_TAKE).counts(0, 1))
                .thread(thread(8, "stays").runnable().stack(Stacks.WORKER_COMPUTING))
                .build());
        Snapshot second = Progress.carry(first, snapshotAt(NOW + 60_000)
                .thread(thread(8, "stays").runnable().stack(Stacks.WORKER_COMPUTING))
                .build());
        assertThat(second.threads()).extracting(t -> t.name()).containsExactly("stays");
        assertThat(detect(second)).isEmpty();
    }

    @Test
    void fiveThousandVirtualThreadsStuckAtOneSiteAreOneFinding() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 5000; i++) {
            builder.thread(thread(1000 + i, "").virtual().waiting().stack(Stacks.VIRTUAL_LATCH_AWAIT)
                    .blockedOn("java.util.concurrent.CountDownLatch$Sync@" + Integer.toHexString(i))
                    .createdAt(Stacks.FANOUT_CREATED.toArray(String[]::new))
                    .stalledFor(STUCK + i));
        }
        List<Finding> findings = detect(builder.build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(5000);
            assertThat(f.threads()).hasSize(10);
            assertThat(f.durationMs()).isEqualTo(STUCK + 4999);
            assertThat(f.threads().get(0).id()).isEqualTo(1000 + 4999);
            assertThat(f.summary()).contains("5000 virtual threads (#5999, #5998, #5997 and 4997 more)")
                    .contains("waiting for up to 34s")
                    .contains("in CountDownLatch.await at Fanout.handle(Fanout.java:41) on CountDownLatch$Sync,")
                    .endsWith("started at Fanout.start(Fanout.java:30)");
        });
    }

    @Test
    void virtualThreadsAtOneSiteWhoseLowerFramesDifferAreStillOneFinding() {
        List<String> otherCarrierFrames = new java.util.ArrayList<>(Stacks.VIRTUAL_LATCH_AWAIT);
        otherCarrierFrames.set(otherCarrierFrames.size() - 1, "java.base/java.lang.VirtualThread.run(VirtualThread.java:311)");
        Snapshot s = snapshot()
                .thread(thread(1, "").virtual().waiting().stack(Stacks.VIRTUAL_LATCH_AWAIT).stalledFor(STUCK))
                .thread(thread(2, "").virtual().waiting().stack(otherCarrierFrames).stalledFor(STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(2));
    }

    @Test
    void platformThreadsAtOneLineWhoseJdkFramesAboveItParkAtOtherLinesAreOneFinding() {
        // the first reader behind a StampedLock's write lock parks at one line of acquireRead, the next at another
        List<String> first = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)",
                "java.base/java.util.concurrent.locks.StampedLock.acquireRead(StampedLock.java:1418)",
                "java.base/java.util.concurrent.locks.StampedLock.readLock(StampedLock.java:579)",
                "com.acme.Accounts.readBalance(Accounts.java:168)",
                "java.base/java.lang.Thread.run(Thread.java:1583)");
        List<String> next = new java.util.ArrayList<>(first);
        next.set(2, "java.base/java.util.concurrent.locks.StampedLock.acquireRead(StampedLock.java:1352)");
        Snapshot s = snapshot()
                .thread(thread(1, "report-0").waiting().stack(first).createdAt("com.acme.Reports.start(Reports.java:9)").stalledFor(STUCK))
                .thread(thread(2, "report-1").waiting().stack(next).createdAt("com.acme.Reports.start(Reports.java:9)").stalledFor(STUCK))
                .thread(thread(3, "report-2").waiting().stack(next).createdAt("com.acme.Reports.start(Reports.java:9)").stalledFor(STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(3));
    }

    @Test
    void callsWithNoReadTimeoutAtOneLineAreOneFindingWhetherTheSocketBlocksOrPolls() {
        // HttpURLConnection on JDK 17: a socket whose connect had a timeout polls, the others block in read0
        List<String> above = List.of(
                "java.base@17.0.15/sun.net.www.http.HttpClient.parseHTTP(HttpClient.java:754)",
                "java.base@17.0.15/sun.net.www.protocol.http.HttpURLConnection.getInputStream(HttpURLConnection.java:1615)",
                "app//com.acme.Quotes.get(Quotes.java:72)");
        List<String> polling = new java.util.ArrayList<>(List.of(
                "java.base@17.0.15/sun.nio.ch.Net.poll(Native Method)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:186)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:195)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:319)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:355)",
                "java.base@17.0.15/sun.nio.ch.NioSocketImpl$1.read(NioSocketImpl.java:808)",
                "java.base@17.0.15/java.net.Socket$SocketInputStream.read(Socket.java:966)"));
        polling.addAll(above);
        List<String> blocking = new java.util.ArrayList<>(READ_17);
        blocking.addAll(above);
        Snapshot s = snapshot()
                .thread(thread(1, "caller-1").runnable().stack(polling).createdAt("com.acme.Quotes.call(Quotes.java:88)").stalledFor(STUCK))
                .thread(thread(2, "caller-2").runnable().stack(blocking).createdAt("com.acme.Quotes.call(Quotes.java:88)").stalledFor(STUCK))
                .thread(thread(3, "caller-3").runnable().stack(blocking).createdAt("com.acme.Quotes.call(Quotes.java:88)").stalledFor(STUCK))
                .build();
        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.count()).isEqualTo(3));
    }

    @Test
    void threadsStuckAtDifferentSitesOrStartedAtDifferentSitesAreSeparateFindings() {
        Snapshot s = snapshot()
                .thread(thread(1, "stage-1").waiting().stack(Stacks.PIPELINE_PUT)
                        .createdAt("com.acme.Pipeline.start(Pipeline.java:30)").stalledFor(STUCK))
                .thread(thread(2, "stage-2").waiting().stack(Stacks.PIPELINE_PUT)
                        .createdAt("com.acme.Pipeline.start(Pipeline.java:30)").stalledFor(2 * STUCK))
                .thread(thread(3, "stage-3").waiting().stack(Stacks.PIPELINE_PUT)
                        .createdAt("com.acme.Other.start(Other.java:9)").stalledFor(STUCK))
                .thread(thread(4, "consumer").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(3 * STUCK))
                .build();

        List<Finding> findings = detect(s);

        assertThat(findings).extracting(Finding::count).containsExactly(1, 2, 1);
        assertThat(findings.get(0).summary()).startsWith("thread consumer waiting for 1m 30s");
        assertThat(findings.get(1).summary()).startsWith("2 threads (stage-2, stage-1) waiting for up to 1m");
        assertThat(findings.get(1).threads()).extracting(FindingThread::name).containsExactly("stage-2", "stage-1");
        assertThat(findings.get(2).threads()).extracting(FindingThread::name).containsExactly("stage-3");
    }

    @Test
    void threadsWhoseStacksWereNotTakenYetJoinTheAlikeThreadsStuckAtTheirSite() {
        String[] created = Stacks.PIPELINE_CREATED.toArray(String[]::new);
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 1000; i++) {
            ThreadBuilder t = thread(100 + i, "stage-" + i).waiting().createdAt(created)
                    .blockedOn("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@" + Integer.toHexString(i))
                    .stalledFor(STUCK + i);
            // a source that took only some stacks so far (the agent takes a budgeted number per cycle)
            builder.thread(i % 4 == 0 ? t.stack(Stacks.PIPELINE_PUT) : t);
        }

        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(1000);
            assertThat(f.durationMs()).as("the longest stuck, whether or not its stack was taken").isEqualTo(STUCK + 999);
            assertThat(f.summary()).startsWith("1000 threads (stage-996, stage-992, stage-988 and 997 more) waiting for up to 30s")
                    .contains("in ArrayBlockingQueue.put at Pipeline.stage(Pipeline.java:52)")
                    .endsWith("started at Pipeline.start(Pipeline.java:30)");
            assertThat(f.threads()).hasSize(10).allSatisfy(t -> assertThat(t.stack()).isEqualTo(Stacks.PIPELINE_PUT));
        });
    }

    @Test
    void threadsWithoutAStackListedInARunAreJudgedEachByWhatTheyWaitOn() {
        // as the agent lists them: one creation site and one lock name shared by identity among the threads alike
        List<String> created = Stacks.PIPELINE_CREATED;
        String full = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@4d5d943d";
        String pool = "java.util.concurrent.ForkJoinPool@6f1de4c7";
        SnapshotBuilder builder = snapshot().thread(thread(1, "stage-1").waiting().stack(Stacks.PIPELINE_PUT)
                .createdAt(created).blockedOn(full).stalledFor(STUCK));
        String[] waitOn = {full, full, pool, pool, full, full, pool, full};
        for (int i = 0; i < waitOn.length; i++) {
            builder.thread(thread(10 + i, "t-" + i).waiting().createdAt(created).blockedOn(waitOn[i])
                    .stalledFor(STUCK));
        }

        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.count()).as("stage-1 and the five waiting where it waits; not the three waiting on a pool")
                    .isEqualTo(6);
            assertThat(f.summary()).contains("in ArrayBlockingQueue.put at Pipeline.stage(Pipeline.java:52)");
        });
    }

    @Test
    void aThreadWithoutAStackJoinsOnlyThreadsStartedAtTheSameSiteWaitingTheSameWay() {
        Snapshot s = snapshot()
                .thread(thread(1, "stage-1").waiting().stack(Stacks.PIPELINE_PUT)
                        .createdAt("com.acme.Pipeline.start(Pipeline.java:30)").stalledFor(STUCK))
                .thread(thread(2, "elsewhere").waiting()
                        .createdAt("com.acme.Other.start(Other.java:9)").stalledFor(STUCK))
                .thread(thread(3, "blocked").blocked().blockedOn("com.acme.Ledger@1b6d3586")
                        .createdAt("com.acme.Pipeline.start(Pipeline.java:30)").stalledFor(STUCK))
                .thread(thread(4, "unknown-origin").waiting().stalledFor(STUCK))
                .build();

        assertThat(detect(s)).extracting(Finding::count).containsExactly(1, 1, 1, 1);
    }

    @Test
    void threadsWithoutAStackAlikeToIdleThreadsAreNotReported() {
        SnapshotBuilder builder = snapshot();
        for (int i = 0; i < 50; i++) {
            ThreadBuilder t = thread(i, "joiner-" + i).waiting().createdAt("com.acme.Batch.start(Batch.java:20)")
                    .stalledFor(10 * STUCK);
            builder.thread(i == 0 ? t.stack(Stacks.JOINING) : t);
        }
        assertThat(detect(builder.build())).isEmpty();
    }

    @Test
    void outputDoesNotDependOnTheOrderThreadsWereListed() {
        ThreadBuilder a = thread(1, "a").waiting().stack(Stacks.PIPELINE_PUT).stalledFor(STUCK);
        ThreadBuilder b = thread(2, "b").waiting().stack(Stacks.PIPELINE_PUT).stalledFor(STUCK);
        ThreadBuilder c = thread(3, "c").waiting().stack(Stacks.CONSUMER_TAKE).stalledFor(STUCK);
        assertThat(detect(snapshot().thread(a).thread(b).thread(c).build()))
                .isEqualTo(detect(snapshot().thread(c).thread(b).thread(a).build()));
    }
}
