package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.threadhound.detect.ExecutorBuilder.executor;
import static dev.threadhound.detect.SnapshotBuilder.NOW;
import static dev.threadhound.detect.SnapshotBuilder.snapshot;
import static dev.threadhound.detect.SnapshotBuilder.snapshotAt;
import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class ExitBlockedDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults();
    private static final long STUCK = OPTIONS.stuckAfterMillis();

    private final ExitBlockedDetector detector = new ExitBlockedDetector();

    private List<Finding> detect(Snapshot snapshot) {
        return detector.detect(snapshot, OPTIONS);
    }

    /** What a JVM whose main returned looks like: the launcher's thread waits, the JDK's daemons run on. */
    private static SnapshotBuilder mainEnded(long ago) {
        return snapshot()
                .thread(thread(1, "Reference Handler").runnable().daemon())
                .thread(thread(3, "Finalizer").waiting().daemon().stack(Stacks.TIMER_IDLE_JDK25))
                .thread(thread(25, "DestroyJavaVM").runnable().startedAgo(ago))
                .thread(thread(26, "threadhound-loop").timedWaiting().daemon())
                .thread(thread(27, "cache-refresher").timedWaiting().daemon()
                        .createdAt("com.acme.Cache.start(Cache.java:14)"));
    }

    /** An executor never shut down, a Timer never cancelled and a plain thread waiting forever. */
    private static SnapshotBuilder leftBehind(SnapshotBuilder builder) {
        return builder
                .thread(thread(30, "pool-1-thread-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor("Jobs.init:21")
                        .createdAt("java.base/java.util.concurrent.ThreadPoolExecutor.addWorker(ThreadPoolExecutor.java:945)",
                                "com.acme.Jobs.run(Jobs.java:30)"))
                .thread(thread(31, "pool-1-thread-2").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor("Jobs.init:21"))
                .thread(thread(32, "stats").waiting().stack(Stacks.TIMER_IDLE_JDK25)
                        .createdAt("java.base/java.util.Timer.<init>(Timer.java:188)", "com.acme.Stats.start(Stats.java:9)"))
                .thread(thread(33, "heartbeat").waiting().stack(Stacks.CONSUMER_TAKE)
                        .createdAt("com.acme.Heartbeat.start(Heartbeat.java:17)", "com.acme.Main.main(Main.java:8)"))
                .executor(executor("Jobs.init:21").createdAt("com.acme.Jobs.init(Jobs.java:21)").workers(30L, 31L));
    }

    @Test
    void namesEveryNonDaemonThreadThatKeepsTheJvmAliveAndWhatToCloseForEach() {
        List<Finding> findings = detect(leftBehind(mainEnded(STUCK + 5_000)).build());

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.durationMs()).isEqualTo(STUCK + 5_000);
            assertThat(f.threads()).extracting(FindingThread::name)
                    .containsExactly("pool-1-thread-1", "pool-1-thread-2", "stats", "heartbeat");
            assertThat(f.summary()).isEqualTo("main ended 35s ago but 4 non-daemon threads keep the JVM from exiting:"
                    + " shut down executor Jobs.init:21 (2 workers: pool-1-thread-1, pool-1-thread-2, created at"
                    + " Jobs.init(Jobs.java:21)); cancel the Timer of thread stats (WAITING, started at"
                    + " Stats.start(Stats.java:9)); end or make daemon thread heartbeat (WAITING, started at"
                    + " Heartbeat.start(Heartbeat.java:17))");
        });
    }

    @Test
    void threadsStartedAtOneSiteAreOneRemedyNamingTheCallerOutsideTheLibraryAndTheListStaysShort() {
        SnapshotBuilder builder = mainEnded(STUCK + 5_000);
        for (int call = 0; call < 12; call++) {
            for (int worker = 1; worker <= 3; worker++) {
                builder.thread(thread(100 + call * 3 + worker, "per-call-" + call + "_Worker-" + worker).timedWaiting()
                        .createdAt("org.quartz.simpl.SimpleThreadPool.initialize(SimpleThreadPool.java:274)",
                                "org.quartz.impl.StdSchedulerFactory.instantiate(StdSchedulerFactory.java:1261)",
                                "com.acme.Reports.newScheduler(Reports.java:22)", "com.acme.Main.main(Main.java:25)"));
            }
        }
        for (int other = 0; other < 8; other++) {
            builder.thread(thread(200 + other, "loader-" + other).waiting()
                    .createdAt("com.github.benmanes.caffeine.cache.CacheLoader.asyncLoad(CacheLoader.java:107)",
                            "com.acme.Prices.load" + other + "(Prices.java:" + (40 + other) + ")"));
        }

        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.threads()).hasSize(44);
            assertThat(f.summary()).startsWith("main ended 35s ago but 44 non-daemon threads keep the JVM from exiting:"
                    + " end or make daemon 36 threads started at SimpleThreadPool.initialize(SimpleThreadPool.java:274)"
                    + " via Reports.newScheduler(Reports.java:22) (per-call-0_Worker-1, per-call-0_Worker-2,"
                    + " per-call-0_Worker-3 and 33 more); end or make daemon thread loader-0 (WAITING, started at"
                    + " CacheLoader.asyncLoad(CacheLoader.java:107) via Prices.load0(Prices.java:40));")
                    .endsWith("; and 3 more like these")
                    .hasSizeLessThan(1_000);
        });
    }

    @Test
    void executorsMadePerCallUnderOneNameAreOneRemedyThatCountsThemAndTheBiggestHoldersComeFirst() {
        // Jersey's client per call: each with its own one-worker executor, all named alike
        SnapshotBuilder builder = mainEnded(STUCK + 5_000);
        for (int call = 0; call < 12; call++) {
            builder.thread(thread(100 + call, "jersey-client-async-executor-0").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17)
                    .executor("jersey-client-async-executor"));
            builder.executor(executor("jersey-client-async-executor").workers(100L + call)
                    .createdAt("org.glassfish.jersey.client.ClientRuntime.<init>(ClientRuntime.java:97)",
                            "com.acme.Quotes.fetch(Quotes.java:46)"));
        }
        for (int one = 0; one < 6; one++) {
            // found before the workers: one thread each
            builder.thread(thread(40 + one, "watcher-" + one).waiting().stack(Stacks.CONSUMER_TAKE)
                    .createdAt("com.acme.Watch.start" + one + "(Watch.java:" + (10 + one) + ")"));
        }

        assertThat(detect(builder.build())).singleElement().satisfies(f -> assertThat(f.summary())
                .startsWith("main ended 35s ago but 18 non-daemon threads keep the JVM from exiting: shut down the 12"
                        // each executor's one worker has the same name: shown once
                        + " executors named jersey-client-async-executor (12 workers: jersey-client-async-executor-0"
                        + " and 11 more, created at")
                .contains(", created at ClientRuntime.<init>(ClientRuntime.java:97) via Quotes.fetch(Quotes.java:46));"
                        + " end or make daemon thread watcher-0")
                .endsWith("; and 1 more like these"));
    }

    @Test
    void executorsOfOneLibrarysDefaultNameMadeAtTwoSitesAreTwoRemedies() {
        // MINA 2.2: every service's executor is named by the library's line; a server started once, clients per call
        String name = "AbstractIoService.<init>:221";
        SnapshotBuilder builder = mainEnded(STUCK + 5_000);
        builder.thread(thread(60, "NioSocketAcceptor-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor(name));
        builder.executor(executor(name).workers(60L)
                .createdAt("org.apache.mina.core.service.AbstractIoService.<init>(AbstractIoService.java:221)",
                        "com.acme.Echo.start(Echo.java:20)"));
        for (int call = 0; call < 3; call++) {
            builder.thread(thread(70 + call, "NioSocketConnector-" + call).waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17)
                    .executor(name));
            builder.executor(executor(name).workers(70L + call)
                    .createdAt("org.apache.mina.core.service.AbstractIoService.<init>(AbstractIoService.java:221)",
                            "com.acme.Echo.connect(Echo.java:34)"));
        }

        assertThat(detect(builder.build())).singleElement().satisfies(f -> assertThat(f.summary())
                .contains("shut down the 3 executors named " + name + " (3 workers: NioSocketConnector-0,"
                        + " NioSocketConnector-1, NioSocketConnector-2, created at"
                        + " AbstractIoService.<init>(AbstractIoService.java:221) via Echo.connect(Echo.java:34))")
                .contains("shut down executor " + name + " (1 worker: NioSocketAcceptor-1, created at"
                        + " AbstractIoService.<init>(AbstractIoService.java:221) via Echo.start(Echo.java:20))"));
    }

    @Test
    void anAcceptorSelectingForConnectionsServesByDesign() {
        // MINA's NioSocketAcceptor, bound by main, which then returned: the JVM stays up to serve
        Snapshot server = leftBehind(mainEnded(10 * STUCK))
                .thread(thread(40, "NioSocketAcceptor-1").runnable().stack(
                        "java.base/sun.nio.ch.EPoll.wait(Native Method)",
                        "java.base/sun.nio.ch.EPollSelectorImpl.doSelect(EPollSelectorImpl.java:121)",
                        "java.base/sun.nio.ch.SelectorImpl.lockAndDoSelect(SelectorImpl.java:130)",
                        "java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:142)",
                        "app//org.apache.mina.transport.socket.nio.NioSocketAcceptor.select(NioSocketAcceptor.java:234)",
                        "app//org.apache.mina.core.polling.AbstractPollingIoAcceptor$Acceptor.run(AbstractPollingIoAcceptor.java:523)",
                        "app//org.apache.mina.util.NamePreservingRunnable.run(NamePreservingRunnable.java:64)",
                        "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)"))
                .build();
        assertThat(detect(server)).isEmpty();
    }

    @Test
    void aRemoteObjectNeverUnexportedKeepsTheJvmUpThroughTheRmiReaper() {
        Snapshot rmi = mainEnded(10 * STUCK)
                .thread(thread(20, "RMI Reaper").waiting().stack(
                        "java.base/java.lang.Object.wait(Native Method)",
                        "java.base/java.lang.ref.ReferenceQueue.remove(ReferenceQueue.java:155)",
                        "java.rmi/sun.rmi.transport.ObjectTable$Reaper.run(ObjectTable.java:349)",
                        "java.base/java.lang.Thread.run(Thread.java:840)")
                        .createdAt("java.rmi/sun.rmi.transport.ObjectTable.putTarget(ObjectTable.java:176)",
                                "java.rmi/java.rmi.server.UnicastRemoteObject.exportObject(UnicastRemoteObject.java:360)",
                                "com.acme.Quotes.publish(Quotes.java:16)"))
                .thread(thread(21, "RMI TCP Accept-1099").runnable().daemon())
                .build();
        assertThat(detect(rmi)).singleElement().satisfies(f -> assertThat(f.summary()).isEqualTo(
                "main ended 5m ago but 1 non-daemon thread keeps the JVM from exiting: unexport the remote objects still"
                        + " exported (UnicastRemoteObject.unexportObject; a JMX connector server's stop(); thread RMI"
                        + " Reaper, started at Quotes.publish(Quotes.java:16))"));
    }

    @Test
    void executorsMadeAtOneSiteUnderNamesOfTheirOwnAreOneRemedy() {
        // Jetty's HttpClient per call: each its own scheduler, named after the client
        SnapshotBuilder builder = mainEnded(STUCK + 5_000);
        for (int call = 0; call < 12; call++) {
            String name = "HttpClient@" + (1000 + call) + "-scheduler";
            builder.thread(thread(100 + call, name + "-1").waiting().stack(Stacks.POOL_WORKER_IDLE_JDK17).executor(name));
            builder.executor(executor(name).workers(100L + call)
                    .createdAt("org.eclipse.jetty.util.thread.ScheduledExecutorScheduler.doStart(ScheduledExecutorScheduler.java:111)",
                            "com.acme.Socket.sendOnce(Socket.java:52)"));
        }

        assertThat(detect(builder.build())).singleElement().satisfies(f -> assertThat(f.summary())
                .isEqualTo("main ended 35s ago but 12 non-daemon threads keep the JVM from exiting: shut down the 12"
                        + " executors created at ScheduledExecutorScheduler.doStart(ScheduledExecutorScheduler.java:111)"
                        + " via Socket.sendOnce(Socket.java:52) (12 workers: HttpClient@1000-scheduler-1,"
                        + " HttpClient@1001-scheduler-1, HttpClient@1002-scheduler-1 and 9 more)"));
    }

    @Test
    void workersWaitingOutTheirKeepAliveAreSaidToEndByThemselvesButScheduledWorkersAreNot() {
        List<String> keepAlive = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:269)",
                "java.base/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1069)",
                "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1130)",
                "java.base/java.lang.Thread.run(Thread.java:1583)");
        Snapshot s = mainEnded(STUCK + 5_000)
                .thread(thread(30, "connector-1").timedWaiting().stack(keepAlive).executor("Connector.pool:40"))
                .executor(executor("Connector.pool:40").createdAt("com.acme.Connector.pool(Connector.java:40)").workers(30L))
                .thread(thread(31, "ticker-1").timedWaiting().stack(Stacks.SCHEDULED_WORKER_BETWEEN_TICKS).executor("Ticks.start:9"))
                .executor(executor("Ticks.start:9").createdAt("com.acme.Ticks.start(Ticks.java:9)").workers(31L))
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary())
                .contains("shut down executor Connector.pool:40 (1 worker: connector-1, created at"
                        + " Connector.pool(Connector.java:40): idle beyond the pool's core size, they end by themselves"
                        + " after its keep-alive)")
                .contains("shut down executor Ticks.start:9 (1 worker: ticker-1, created at Ticks.start(Ticks.java:9))"));
    }

    @Test
    void anExecutorShutDownWhoseWorkersIgnoreTheInterruptIsToldToEndItsTasksNotToShutDown() {
        Snapshot s = mainEnded(STUCK + 5_000)
                .thread(thread(30, "pool-1-thread-1").waiting().stack(Stacks.WORKER_IN_FUTURE_GET).executor("Backend.call:42"))
                .executor(executor("Backend.call:42").createdAt("com.acme.Backend.call(Backend.java:42)").workers(30L).shutdown())
                .build();

        assertThat(detect(s)).singleElement().satisfies(f -> assertThat(f.summary()).endsWith(
                "end the tasks of executor Backend.call:42, shut down but still running them (1 worker: pool-1-thread-1,"
                        + " created at Backend.call(Backend.java:42))"));
    }

    @Test
    void notBeforeStuckAfterHasPassedSinceMainEnded() {
        assertThat(detect(leftBehind(mainEnded(STUCK - 1)).build())).isEmpty();
    }

    @Test
    void mainStillRunningOrOnlyDaemonsLeftIsNoFinding() {
        Snapshot running = leftBehind(snapshot().thread(thread(1, "main").waiting().stack(Stacks.JOINING))).build();
        assertThat(detect(running)).isEmpty();
        assertThat(detect(mainEnded(10 * STUCK).build())).as("only daemons and the JDK's threads").isEmpty();
    }


    @Test
    void aThreadTheApplicationStartedAndNamedAsTheLaunchersIsNotTakenForIt() {
        Snapshot running = leftBehind(snapshot()
                .thread(thread(1, "main").waiting().stack(Stacks.JOINING))
                .thread(thread(40, "DestroyJavaVM").runnable().startedAgo(10 * STUCK)
                        .createdAt("com.acme.Shutdown.start(Shutdown.java:12)"))).build();
        assertThat(detect(running)).isEmpty();
    }
    @Test
    void theJdksLoggingShutdownHookRunningAsTheJvmExitsKeepsNothingUp() {
        Snapshot exiting = mainEnded(10 * STUCK)
                .thread(thread(41, "Logging-Cleaner").runnable().stack(
                        "java.logging/java.util.logging.LogManager$Cleaner.run(LogManager.java:257)"))
                // the application's own hook, running as a SIGTERM ends the JVM
                .thread(thread(42, "Thread-0").runnable().createdAt(
                        "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:107)",
                        "java.base/java.lang.Shutdown.exit(Shutdown.java:173)"))
                .build();
        assertThat(detect(exiting)).isEmpty();
    }

    @Test
    void aShutdownHookThatNeverEndsHangsTheExit() {
        // Guava's getExitingExecutorService: its hook awaits the executor's termination, whose task never ends
        List<String> hookSite = List.of(
                "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:107)",
                "java.base/java.lang.ApplicationShutdownHooks$1.run(ApplicationShutdownHooks.java:46)",
                "java.base/java.lang.Shutdown.runHooks(Shutdown.java:130)");
        Snapshot exiting = snapshot()
                .thread(thread(1, "DestroyJavaVM").waiting().startedAgo(50_000).stack(
                        "java.base/java.lang.Object.wait(Native Method)",
                        "java.base/java.lang.Thread.join(Thread.java:1304)",
                        "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:107)"))
                .thread(thread(40, "DelayedShutdownHook-for-java.util.concurrent.ThreadPoolExecutor@1b6d3586")
                        .timedWaiting().startedAgo(STUCK + 10_000).createdAt(hookSite).stack(
                        "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                        "java.base/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
                        "java.base/java.util.concurrent.ThreadPoolExecutor.awaitTermination(ThreadPoolExecutor.java:1464)",
                        "app//com.google.common.util.concurrent.MoreExecutors$Application$1.run(MoreExecutors.java:264)",
                        "java.base/java.lang.Thread.run(Thread.java:840)"))
                .thread(thread(41, "threadhound-report").runnable().startedAgo(STUCK + 10_000).createdAt(hookSite))
                .thread(thread(42, "flush-metrics").waiting().startedAgo(1_000).createdAt(hookSite))
                .build();

        assertThat(detect(exiting)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED);
            assertThat(f.threads()).extracting(FindingThread::name)
                    .containsExactly("DelayedShutdownHook-for-java.util.concurrent.ThreadPoolExecutor@1b6d3586");
            assertThat(f.summary()).isEqualTo("the JVM has been exiting for 40s but a shutdown hook has not ended:"
                    + " thread DelayedShutdownHook-for-java.util.concurrent.ThreadPoolExecutor@1b6d3586 waiting in"
                    + " ThreadPoolExecutor.awaitTermination at MoreExecutors$Application$1.run(MoreExecutors.java:264)");
        });
    }

    @Test
    void aShutdownHookThatWorksOnMakesTheExitSlowAndIsToldOnlyOnceTheExitHasTakenTwiceStuckAfter() {
        // Log4j 2 stopping its appenders on a crowded machine: its hook blocked a moment on its own registry's list
        List<String> hookSite = List.of(
                "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:107)",
                "java.base/java.lang.Shutdown.runHooks(Shutdown.java:130)");
        List<String> stack = List.of(
                "java.base/java.util.concurrent.CopyOnWriteArrayList.removeIf(CopyOnWriteArrayList.java:1429)",
                "app//org.apache.logging.log4j.core.util.DefaultShutdownCallbackRegistry$RegisteredCancellable.cancel(DefaultShutdownCallbackRegistry.java:107)",
                "app//org.apache.logging.log4j.core.util.DefaultShutdownCallbackRegistry.run(DefaultShutdownCallbackRegistry.java:82)");
        Snapshot slow = snapshot()
                .thread(thread(40, "pool-2-thread-1").blocked().startedAgo(STUCK + 500).stalledFor(700)
                        .createdAt(hookSite).stack(stack))
                .build();
        assertThat(detect(slow)).as("it moved 0.7 s ago").isEmpty();

        Snapshot stalled = snapshot()
                .thread(thread(40, "pool-2-thread-1").blocked().startedAgo(STUCK + 500).stalledFor(STUCK)
                        .createdAt(hookSite).stack(stack))
                .build();
        assertThat(detect(stalled)).as("it has not moved for stuckAfter").singleElement()
                .satisfies(f -> assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED));

        Snapshot longExit = snapshot()
                .thread(thread(40, "pool-2-thread-1").runnable().startedAgo(2 * STUCK).stalledFor(100)
                        .createdAt(hookSite).stack(stack))
                .build();
        assertThat(detect(longExit)).as("working on, but the exit has taken twice stuckAfter").singleElement()
                .satisfies(f -> assertThat(f.summary()).startsWith("the JVM has been exiting for ")
                        .contains("thread pool-2-thread-1 running in CopyOnWriteArrayList.removeIf at "));
    }

    @Test
    void aShutdownHookThatCallsSystemExitWaitsForGoodAndIsToldWhy() {
        Snapshot exiting = snapshot()
                .thread(runningTheHooks(1, "DestroyJavaVM", STUCK + 1_000))
                .thread(exitInAHook(STUCK))
                .build();

        assertThat(detect(exiting)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED);
            assertThat(f.summary()).isEqualTo("the JVM has been exiting for 30s but a shutdown hook has not ended:"
                    + " thread flush-hook blocked in System.exit at Job.lambda$main$0(Job.java:5) on"
                    + " Shutdown.class held by DestroyJavaVM: System.exit called from a shutdown hook waits for the"
                    + " exit under way, which waits for the hook: for good (let the hook end instead, or call"
                    + " Runtime.halt to end the JVM at once)");
        });
    }

    @Test
    void aShutdownHookWaitingForALockTheCallerOfSystemExitHoldsWaitsForGoodAndIsToldWhy() {
        Snapshot exiting = snapshot()
                .thread(runningTheHooks(1, "main", STUCK + 60_000,
                        "java.base/java.lang.Runtime.exit(Runtime.java:115)",
                        "java.base/java.lang.System.exit(System.java:1877)",
                        "app//com.acme.Registry.fail(Registry.java:88)",
                        "app//com.acme.Main.main(Main.java:9)"))
                .thread(thread(13, "deregister-hook").blocked().startedAgo(STUCK).stalledFor(STUCK)
                        .blockedOn("com.acme.Registry@1f38af9c").heldBy(1, "main")
                        .createdAt("java.base/java.lang.Thread.start(Thread.java:798)",
                                "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:102)")
                        .stack("app//com.acme.Registry.deregister(Registry.java:40)",
                                "java.base/java.lang.Thread.run(Thread.java:840)"))
                .build();

        assertThat(detect(exiting)).singleElement().satisfies(f -> assertThat(f.summary()).isEqualTo(
                "the JVM has been exiting for 30s but a shutdown hook has not ended: thread deregister-hook blocked at"
                        + " Registry.deregister(Registry.java:40) on Registry@1f38af9c held by main, which called"
                        + " System.exit at Registry.fail(Registry.java:88) holding it and waits for the hooks, which"
                        + " wait for it: for good (call System.exit holding no lock a hook takes)"));
    }

    /** The thread that runs the shutdown hooks, joining each in turn, as JDK 17 shows it; {@code callers} below. */
    static ThreadBuilder runningTheHooks(long id, String name, long startedAgo, String... callers) {
        List<String> stack = new ArrayList<>(List.of(
                "java.base/java.lang.Object.wait(Native Method)",
                "java.base/java.lang.Thread.join(Thread.java:1313)",
                "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:107)",
                "java.base/java.lang.ApplicationShutdownHooks$1.run(ApplicationShutdownHooks.java:46)",
                "java.base/java.lang.Shutdown.runHooks(Shutdown.java:130)",
                "java.base/java.lang.Shutdown.exit(Shutdown.java:173)"));
        stack.addAll(List.of(callers));
        return thread(id, name).waiting().startedAgo(startedAgo).stack(stack);
    }

    /** A hook whose flush failed calls {@code System.exit(2)}, as JDK 17 shows it. */
    static ThreadBuilder exitInAHook(long stalledFor) {
        return thread(13, "flush-hook").blocked().startedAgo(stalledFor).stalledFor(stalledFor)
                .blockedOn("java.lang.Class@c2e1f26").heldBy(1, "DestroyJavaVM")
                .createdAt("java.base/java.lang.Thread.start(Thread.java:798)",
                        "java.base/java.lang.ApplicationShutdownHooks.runHooks(ApplicationShutdownHooks.java:102)",
                        "java.base/java.lang.ApplicationShutdownHooks$1.run(ApplicationShutdownHooks.java:46)",
                        "java.base/java.lang.Shutdown.runHooks(Shutdown.java:130)")
                .stack("java.base/java.lang.Shutdown.exit(Shutdown.java:172)",
                        "java.base/java.lang.Runtime.exit(Runtime.java:115)",
                        "java.base/java.lang.System.exit(System.java:1877)",
                        "app//Job.lambda$main$0(Job.java:5)",
                        "java.base/java.lang.Thread.run(Thread.java:840)");
    }

    @Test
    void aJvmThatServesAfterMainReturnedIsUpByDesign() {
        Snapshot server = leftBehind(mainEnded(10 * STUCK))
                .thread(thread(40, "acceptor").runnable().stack(
                        "java.base/sun.nio.ch.Net.accept(Native Method)",
                        "java.base/sun.nio.ch.NioSocketImpl.accept(NioSocketImpl.java:760)",
                        "java.base/java.net.ServerSocket.implAccept(ServerSocket.java:675)",
                        "java.base/java.net.ServerSocket.accept(ServerSocket.java:626)",
                        "com.acme.Server.serve(Server.java:21)"))
                .build();
        assertThat(detect(server)).isEmpty();
    }

    @Test
    void serversMadePerCallAndNeverStoppedKeepAJvmUpThatIsMeantToEnd() {
        // JGroups 5.4: a channel per message, each with its TCP acceptor, and main has returned
        SnapshotBuilder builder = mainEnded(10 * STUCK);
        for (int i = 0; i < 10; i++) {
            // the live agent takes a budgeted number of stacks a cycle: this one took three of the acceptors'
            builder.thread(thread(50 + i, "TcpServer.Acceptor[" + (7800 + i) + "]").runnable().stack(i >= 3 ? List.of() : List.of(
                    "java.base/sun.nio.ch.Net.accept(Native Method)",
                    "java.base/sun.nio.ch.NioSocketImpl.accept(NioSocketImpl.java:760)",
                    "java.base/java.net.ServerSocket.implAccept(ServerSocket.java:675)",
                    "java.base/java.net.ServerSocket.accept(ServerSocket.java:626)",
                    "app//org.jgroups.blocks.cs.TcpServer$Acceptor.run(TcpServer.java:198)"))
                    .createdAt("app//org.jgroups.blocks.cs.TcpServer.start(TcpServer.java:110)",
                            "app//org.jgroups.JChannel.connect(JChannel.java:450)",
                            "com.acme.Cluster.notify(Cluster.java:38)"));
        }
        // each acceptor starts a receiver per connection: the library's frames alone, the application's on its starter
        for (int i = 0; i < 10; i++) {
            builder.thread(thread(70 + i, "Connection.Receiver-" + i).runnable()
                    .createdAt("app//org.jgroups.blocks.cs.TcpConnection$Receiver.start(TcpConnection.java:277)",
                            "app//org.jgroups.blocks.cs.TcpServer$Acceptor.run(TcpServer.java:204)")
                    .createdBy(50 + i));
        }
        assertThat(detect(builder.build())).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(20);
            assertThat(f.summary()).contains("end or make daemon 10 threads started at"
                    + " TcpServer.start(TcpServer.java:110) via Cluster.notify(Cluster.java:38) (")
                    .contains("end or make daemon 10 threads started at"
                            + " TcpConnection$Receiver.start(TcpConnection.java:277) by a thread started at"
                            + " TcpServer.start(TcpServer.java:110) via Cluster.notify(Cluster.java:38) (");
        });
    }

    @Test
    void howLongMainHasBeenGoneComesFromTheSnapshotsWhenTheSourceCannotSay() {
        Snapshot first = Progress.carry(null, leftBehind(snapshotAt(NOW - STUCK - 1_000)
                .thread(thread(25, "DestroyJavaVM").runnable())).build());
        assertThat(detect(first)).isEmpty();

        Snapshot later = Progress.carry(first, leftBehind(snapshot().thread(thread(25, "DestroyJavaVM").runnable())).build());
        assertThat(detect(later)).singleElement().satisfies(f -> assertThat(f.durationMs()).isEqualTo(STUCK + 1_000));
    }
}
