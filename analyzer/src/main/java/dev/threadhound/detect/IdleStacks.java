package dev.threadhound.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stacks of threads that wait by design: a pool worker waiting for its next task, a timer thread waiting for the
 * next deadline, a selector or an acceptor waiting for a connection, a reference cleaner, a thread joining another
 * or waiting for a pool to terminate, a logging library's worker waiting for the next event. Such a thread waits
 * forever in a healthy program; what leaks there is the executor that owns it, which {@link LeakedExecutorDetector}
 * sees.
 */
final class IdleStacks {

    /**
     * Methods that mean "waiting for work" wherever they are on the stack: no task code runs below them. JDK 25's
     * pollers ({@code SubPoller-N}, virtual threads the JDK starts on a virtual thread's first blocking socket call)
     * wait for socket events forever.
     */
    private static final Set<String> WAITING_FOR_WORK = Set.of(
            "java.util.concurrent.ThreadPoolExecutor.getTask",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.poll",
            "java.util.concurrent.ForkJoinPool.awaitWork",
            "java.lang.ref.ReferenceQueue.remove",
            "java.lang.ref.Reference.waitForReferencePendingList",
            "java.lang.Thread.join",
            // a wait for a pool to terminate (awaitTermination, the close() of a try-with-resources) is a join of its
            // workers: a task that never returns is the finding, and names who waits for it
            "java.util.concurrent.ThreadPoolExecutor.awaitTermination",
            "java.util.concurrent.ForkJoinPool.awaitTermination",
            "java.util.concurrent.ForkJoinPool.close",
            "java.util.concurrent.ThreadPerTaskExecutor.awaitTermination",
            "java.util.concurrent.ThreadPerTaskExecutor.close",
            "java.util.concurrent.ExecutorService.close",
            // a thread that waits for a Jetty server to stop, as Spark Java's does for as long as it serves
            "org.eclipse.jetty.util.thread.QueuedThreadPool.join",
            "org.eclipse.jetty.server.Server.join",
            // Jetty 12's pool of virtual threads keeps a platform thread waiting until the pool stops (virtual threads
            // alone would let the JVM exit): the anonymous class of VirtualThreadPool.doStart
            "org.eclipse.jetty.util.thread.VirtualThreadPool.join",
            "org.eclipse.jetty.util.thread.VirtualThreadPool$1.run",
            // Grizzly's own pools (a Grizzly or Jersey-on-Grizzly server's workers) waiting for their next task
            "org.glassfish.grizzly.threadpool.FixedThreadPool$BasicWorker.getTask",
            "org.glassfish.grizzly.threadpool.SyncThreadPool$SyncThreadWorker.getTask",
            "java.net.ServerSocket.accept",
            "java.net.ServerSocket.implAccept",
            "sun.nio.ch.ServerSocketChannelImpl.accept",
            "sun.nio.ch.NioSocketImpl.accept",
            "sun.nio.ch.Poller.pollerLoop",
            "sun.nio.ch.Poller.subPollerLoop",
            // Netty's native transport (Armeria, gRPC and Reactor Netty on Linux use it when it loads): its event
            // loops wait in epoll_wait, running in native code as the JDK's selectors do
            "io.netty.channel.epoll.Native.epollWait0",
            "io.netty.channel.epoll.Native.epollWait");

    /**
     * Reading a socket: waiting for the peer. A platform thread blocked in a read is {@code RUNNABLE} in native code
     * and never counts as stuck; a virtual thread in the same read (JDK 21+) parks instead, in the JDK's poller, and
     * a virtual-thread-per-connection server (Helidon 4, any server on blocking sockets) had each idle keep-alive
     * connection reported stuck. Not a wait for work, though: a server's connections are not a pile-up of idle
     * threads ({@link #waitingForWork}).
     */
    private static final Set<String> WAITING_FOR_INPUT = Set.of(
            "sun.nio.ch.NioSocketImpl.implRead",
            "sun.nio.ch.NioSocketImpl.timedRead",
            "sun.nio.ch.SocketChannelImpl.implRead",
            "sun.nio.ch.SocketChannelImpl.timedRead",
            "sun.nio.ch.SocketChannelImpl.blockingRead");

    /**
     * Clients reading the first bytes of a server's answer, where a server that answers at all begins at once: HTTP
     * clients reading a response's status line and headers (Apache HttpClient 4 and 5, the JDK's
     * {@code HttpURLConnection}, OkHttp), an SMTP client reading a reply (Jakarta Mail, JavaMail), a PostgreSQL
     * driver's connect (authentication, the session's first queries), MySQL Connector/J's connect (the server's
     * greeting), an FTP client reading a reply (commons-net), a Thrift client reading a call's result, and JSch's
     * connect (the server's version line). A read that can last by design is not one of them: a database query's
     * results (a long query), a Redis blocking pop, a server reading its next request.
     */
    private static final Set<String> AWAITING_ANSWER = Set.of(
            "org.apache.http.impl.DefaultBHttpClientConnection.receiveResponseHeader",
            "org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection.receiveResponseHeader",
            "sun.net.www.http.HttpClient.parseHTTP",
            "okhttp3.internal.http1.Http1ExchangeCodec.readResponseHeaders",
            "org.eclipse.angus.mail.smtp.SMTPTransport.readServerResponse",
            "com.sun.mail.smtp.SMTPTransport.readServerResponse",
            "org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication",
            "org.postgresql.core.SetupQueryRunner.run",
            "com.mysql.cj.protocol.a.NativeProtocol.readServerCapabilities",
            "org.apache.commons.net.ftp.FTP.getReply",
            "org.apache.thrift.TServiceClient.receiveBase",
            "com.jcraft.jsch.Session.connect");

    /**
     * Loops that also run tasks: idle only when nothing but waiting plumbing sits above them (a worker that runs
     * a task has the task's frames there). JDK 25's {@code ForkJoinPool} has a timer thread of its own, started the
     * first time anything is scheduled on the common pool ({@code CompletableFuture.delayedExecutor}, a cache's
     * expiry): it parks until the next delayed task is due and runs only the few it does not hand to the pool.
     */
    private static final Set<String> WORK_LOOPS = Set.of(
            "java.util.concurrent.ForkJoinPool.runWorker",
            "java.util.concurrent.ForkJoinPool.scan",
            "java.util.concurrent.DelayScheduler.loop",
            "java.util.TimerThread.mainLoop",
            "sun.net.httpserver.ServerImpl$Dispatcher.run");

    /**
     * Okio's package, joined at run time: the agent jar relocates its own copy of Okio, and with it every constant
     * string that starts with {@code okio.}, which would then never match the application's Okio frames.
     */
    private static final String OKIO = String.join("", "ok", "io", ".");

    /** What a thread passes through while it waits on a blocking queue. */
    private static final List<String> QUEUE_WAIT = List.of("java.util.concurrent.", "jdk.internal.misc.Unsafe");

    /**
     * Loops of a library's own thread, which lives as long as the library and waits on a queue of its own for the next
     * piece of work: logback's and log4j2's asynchronous appenders' threads, silent for as long as nothing is logged;
     * a ZooKeeper server's request pipeline and its client's event thread, silent while no request or event comes, and
     * an embedded server's runner, which waits for the server to shut down; a Curator client's background loop (a
     * task that runs as long as the client, on its own pool), waiting for the next operation to retry; a
     * Hazelcast member's event, operation, response and migration threads, silent while the member gets no request;
     * a MongoDB client's server monitor between two heartbeats; Okio's watchdog (OkHttp's timeouts) waiting for the
     * next deadline of a call, whose wakes while calls are under way looked like polling on a crowded machine;
     * HSQLDB's timer, which waits for the next beat of its lock file; an LMAX Disruptor's event processors (log4j2's
     * asynchronous loggers run on one) waiting in their wait strategy for the next event, silent while nothing is
     * published (a handler stuck in its own code has its frames above the loop); Jetty's pool threads between jobs,
     * an idle one polling the job queue (woken when a job comes, often to find another thread took it) and a reserved
     * one waiting on its own semaphore for a job handed to it; Java-WebSocket's server workers and each client's write
     * thread, waiting for the next message to decode or to send; an embedded Moquette broker's session loops; an Eclipse
     * Paho MQTT client's sender and callback threads, silent while there is nothing to send or deliver (the sender until
     * the next keep-alive); a JGroups channel's bundler with nothing to send; MINA's executor filter's pool workers
     * (Apache FtpServer's) waiting for the next session with events, woken by events other workers took; an embedded
     * Derby database's daemon resting between its rounds of housekeeping. Idle only when nothing but that wait sits above the loop (a blocking
     * queue's, {@link #QUEUE_WAIT}, and the library's own queue classes and waiting methods): a worker stuck handing
     * its work on has the library's other frames there.
     */
    private static final Map<String, List<String>> LIBRARY_QUEUE_LOOPS = Map.ofEntries(
            Map.entry("ch.qos.logback.core.AsyncAppenderBase$Worker.run", QUEUE_WAIT),
            Map.entry("org.apache.logging.log4j.core.appender.AsyncAppenderEventDispatcher.dispatchAll", QUEUE_WAIT),
            Map.entry("org.apache.zookeeper.server.RequestThrottler.run", QUEUE_WAIT),
            Map.entry("org.apache.zookeeper.server.PrepRequestProcessor.run", QUEUE_WAIT),
            Map.entry("org.apache.zookeeper.server.SyncRequestProcessor.run", QUEUE_WAIT),
            Map.entry("org.apache.zookeeper.ClientCnxn$EventThread.run", QUEUE_WAIT),
            Map.entry("org.apache.zookeeper.server.ZooKeeperServerMain.runFromConfig", QUEUE_WAIT),
            Map.entry("org.apache.curator.framework.imps.CuratorFrameworkImpl.backgroundOperationsLoop", QUEUE_WAIT),
            Map.entry("com.hazelcast.internal.util.executor.StripedExecutor$Worker.run", QUEUE_WAIT),
            Map.entry("com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.loop", queueWaitAnd(
                    "com.hazelcast.internal.util.concurrent.MPSCQueue",
                    "com.hazelcast.spi.impl.operationexecutor.impl.OperationQueueImpl")),
            Map.entry("com.hazelcast.spi.impl.operationservice.impl.InboundResponseHandlerSupplier$ResponseThread.doRun",
                    queueWaitAnd("com.hazelcast.internal.util.concurrent.MPSCQueue")),
            Map.entry("com.hazelcast.internal.partition.impl.MigrationThread.doRun",
                    queueWaitAnd("com.hazelcast.internal.partition.impl.MigrationQueue")),
            Map.entry("com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.run", queueWaitAnd(
                    "com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.waitForNext",
                    "com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.waitForSignalOrTimeout",
                    "com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.lambda$waitForSignalOrTimeout$",
                    "com.mongodb.internal.Locks.checkedWithLock")),
            Map.entry(OKIO + "AsyncTimeout$Watchdog.run", queueWaitAnd(OKIO + "AsyncTimeout$Companion.awaitTimeout")),
            Map.entry("org.hsqldb.lib.HsqlTimer$TaskRunner.run",
                    List.of("java.lang.Object", "org.hsqldb.lib.HsqlTimer", "org.hsqldb.lib.HsqlTimer$TaskQueue")),
            Map.entry("com.lmax.disruptor.BatchEventProcessor.processEvents", queueWaitAnd("java.lang.Object",
                    "com.lmax.disruptor.ProcessingSequenceBarrier.waitFor", "com.lmax.disruptor.util.Util.awaitNanos",
                    "com.lmax.disruptor.BlockingWaitStrategy", "com.lmax.disruptor.LiteBlockingWaitStrategy",
                    "com.lmax.disruptor.TimeoutBlockingWaitStrategy", "com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy",
                    "com.lmax.disruptor.SleepingWaitStrategy", "com.lmax.disruptor.PhasedBackoffWaitStrategy",
                    // log4j2's own copy, its asynchronous loggers' default on Disruptor 3
                    "org.apache.logging.log4j.core.async.TimeoutBlockingWaitStrategy")),
            Map.entry("org.eclipse.jetty.util.thread.QueuedThreadPool$Runner.idleJobPoll", queueWaitAnd(
                    "org.eclipse.jetty.util.BlockingArrayQueue", "org.eclipse.jetty.util.thread.AutoLock",
                    "org.eclipse.jetty.util.thread.AutoLock$")),
            Map.entry("org.eclipse.jetty.util.thread.ReservedThreadExecutor$ReservedThread.waitForTask", QUEUE_WAIT),
            Map.entry("org.java_websocket.server.WebSocketServer$WebSocketWorker.run", QUEUE_WAIT),
            Map.entry("org.java_websocket.client.WebSocketClient$WebsocketWriteThread.runWriteData", QUEUE_WAIT),
            Map.entry("io.moquette.broker.SessionEventLoop.run", QUEUE_WAIT),
            Map.entry("org.jgroups.protocols.TransferQueueBundler.run", QUEUE_WAIT),
            Map.entry("org.apache.mina.filter.executor.OrderedThreadPoolExecutor$Worker.fetchSession", QUEUE_WAIT),
            Map.entry("org.apache.mina.filter.executor.PriorityThreadPoolExecutor$Worker.fetchSession", QUEUE_WAIT),
            Map.entry("org.apache.mina.filter.executor.UnorderedThreadPoolExecutor$Worker.fetchTask", QUEUE_WAIT),
            Map.entry("org.apache.derby.impl.services.daemon.BasicDaemon.run",
                    List.of("java.lang.Object", "org.apache.derby.impl.services.daemon.BasicDaemon.rest")),
            // the JDK's own: an AsynchronousChannelGroup's event handler, a task that runs on the group's pool for the
            // group's whole life; one worker polls epoll, the others wait on the group's queue for what it hands on
            Map.entry("sun.nio.ch.EPollPort$EventHandlerTask.run", QUEUE_WAIT),
            Map.entry("sun.nio.ch.KQueuePort$EventHandlerTask.run", QUEUE_WAIT),
            Map.entry("org.eclipse.paho.client.mqttv3.internal.CommsSender.run",
                    queueWaitAnd("java.lang.Object", "org.eclipse.paho.client.mqttv3.internal.ClientState.get")),
            Map.entry("org.eclipse.paho.client.mqttv3.internal.CommsCallback.run", queueWaitAnd("java.lang.Object")));

    /** Classes a thread passes through while it parks or waits; they say nothing about what it waits for. */
    private static final List<String> PLUMBING = List.of(
            "jdk.internal.misc.Unsafe", "sun.misc.Unsafe", "java.util.concurrent.locks.LockSupport",
            "java.lang.Object", "java.util.concurrent.ForkJoinPool", "java.lang.VirtualThread",
            "jdk.internal.misc.VirtualThreads", "java.lang.System$2", "sun.nio.ch.");

    /**
     * Monitors and blockers an idle worker waits on, for threads whose stack was not captured; a platform thread
     * waits on a {@code Thread} in {@code join()}.
     */
    private static final List<String> IDLE_BLOCKERS = List.of(
            "java.util.concurrent.ForkJoinPool@", "java.util.TaskQueue@", "java.lang.ref.ReferenceQueue$Lock@",
            "java.lang.Thread@");

    private IdleStacks() {
    }

    /** Waiting by design: for work, for time to pass, or for a peer's input. */
    static boolean idle(List<String> stack, String blockedOn) {
        return idle(stack, blockedOn, true);
    }

    /**
     * Reading a socket for the peer's next bytes: idle as a connection is, but not waiting for work (and not
     * waiting for an answer that never comes, {@link #awaitingAnswerForever}).
     */
    static boolean readingInput(List<String> stack) {
        return idle(stack, null, true) && !idle(stack, null, false);
    }

    /** Waiting for work or for time to pass, as {@link #idle} but a socket read is not. */
    static boolean waitingForWork(List<String> stack, String blockedOn) {
        return idle(stack, blockedOn, false);
    }

    private static boolean idle(List<String> stack, String blockedOn, boolean input) {
        if (stack.isEmpty()) {
            // asked of every stackless thread each cycle: a loop, not a stream
            if (blockedOn != null) {
                for (String blocker : IDLE_BLOCKERS) {
                    if (blockedOn.startsWith(blocker)) {
                        return true;
                    }
                }
            }
            return false;
        }
        for (int i = 0; i < stack.size(); i++) {
            String method = Frames.method(stack.get(i));
            if (WAITING_FOR_WORK.contains(method) || frameworkPoolWaiting(method) || selecting(method)) {
                return true;
            }
            if (input && WAITING_FOR_INPUT.contains(method)) {
                return !awaitingAnswerForever(stack);
            }
            if (WORK_LOOPS.contains(method)) {
                return onlyAbove(stack, i, PLUMBING);
            }
            List<String> queueWait = LIBRARY_QUEUE_LOOPS.get(method);
            if (queueWait != null) {
                return onlyAbove(stack, i, queueWait);
            }
        }
        return false;
    }

    /**
     * The servers' own copies of the JDK pool wait the same way: Tomcat's
     * {@code org.apache.tomcat.util.threads.ThreadPoolExecutor.getTask}, Netty's event executors' {@code takeTask}.
     */
    private static boolean frameworkPoolWaiting(String method) {
        return method.endsWith("ThreadPoolExecutor.getTask") || method.endsWith("EventExecutor.takeTask");
    }

    /**
     * A platform thread in a socket read that has no timeout, waiting for a server's answer to begin: a request that
     * the server never answers holds its caller forever, the commonest hang of a network client (the libraries'
     * defaults rarely set a read timeout), in one of the places of {@link #AWAITING_ANSWER}. A read with a timeout
     * goes through {@code NioSocketImpl.timedRead}; one without waits in native {@code read0} (a socket in blocking
     * mode) or polls without end ({@code Net.poll} under {@code implRead}: a socket made non-blocking by a connect with
     * a timeout, JDK 25). The thread is {@code RUNNABLE} in native code throughout, so only its unchanged stack and
     * CPU time tell that it waits. A server's threads reading their next request are not clients.
     */
    static boolean awaitingAnswerForever(List<String> stack) {
        if (stack.isEmpty() || !(stack.get(0).contains("sun.nio.ch.SocketDispatcher.read0")
                || stack.get(0).contains("sun.nio.ch.Net.poll"))) {
            return false;
        }
        boolean socketRead = false;
        for (String frame : stack) {
            String method = Frames.method(frame);
            if (method.equals("sun.nio.ch.NioSocketImpl.timedRead")) {
                return false;
            }
            socketRead |= method.equals("sun.nio.ch.NioSocketImpl.implRead");
            if (AWAITING_ANSWER.contains(method)) {
                return socketRead;
            }
        }
        return false;
    }

    /** Waiting in a selector of the JDK's, for whatever it was registered for. */
    static boolean selecting(String method) {
        if (!method.startsWith("sun.nio.ch.")) {
            return false;
        }
        int dot = method.lastIndexOf('.');
        String type = method.substring(0, dot);
        String name = method.substring(dot + 1);
        return type.endsWith("SelectorImpl") && (name.equals("doSelect") || name.equals("poll"));
    }

    private static List<String> queueWaitAnd(String... libraryQueues) {
        List<String> out = new ArrayList<>(QUEUE_WAIT);
        out.addAll(List.of(libraryQueues));
        return List.copyOf(out);
    }

    /**
     * Nothing but {@code plumbing} above {@code index}, lambdas' own frames aside. An entry is a class (its methods), a
     * package ending in {@code .}, a method, or the start of a method's name ending in {@code $} (a lambda's body
     * whatever its number).
     */
    private static boolean onlyAbove(List<String> stack, int index, List<String> plumbing) {
        for (int i = 0; i < index; i++) {
            String frame = stack.get(i);
            String method = Frames.method(frame);
            if (!Frames.synthetic(frame) && plumbing.stream().noneMatch(p -> plumbs(method, p))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plumbs(String method, String entry) {
        return entry.endsWith(".") || entry.endsWith("$") ? method.startsWith(entry)
                : method.equals(entry) || method.startsWith(entry + '.');
    }
}
