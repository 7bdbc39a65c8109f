package dev.threadhound.detect;

import java.util.ArrayList;
import java.util.List;

/** Stacks as JDK 17 and JDK 25 really print them (taken from live JVMs), plus application stacks for the tests. */
final class Stacks {

    private Stacks() {
    }

    /** A fixed pool's worker waiting for its next task, JDK 17 (with the module prefix a live JVM prints). */
    static final List<String> POOL_WORKER_IDLE_JDK17 = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block(AbstractQueuedSynchronizer.java:506)",
            "java.base@17.0.15/java.util.concurrent.ForkJoinPool.unmanagedBlock(ForkJoinPool.java:3465)",
            "java.base@17.0.15/java.util.concurrent.ForkJoinPool.managedBlock(ForkJoinPool.java:3436)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1630)",
            "java.base@17.0.15/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1122)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** The same on JDK 25, without module prefix as some dump readers give it. */
    static final List<String> POOL_WORKER_IDLE_JDK25 = List.of(
            "jdk.internal.misc.Unsafe.park(Native Method)",
            "java.util.concurrent.locks.LockSupport.park(LockSupport.java:369)",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block(AbstractQueuedSynchronizer.java:520)",
            "java.util.concurrent.ForkJoinPool.unmanagedBlock(ForkJoinPool.java:4364)",
            "java.util.concurrent.ForkJoinPool.managedBlock(ForkJoinPool.java:4310)",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1752)",
            "java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1016)",
            "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1076)",
            "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:614)",
            "java.lang.Thread.runWith(Thread.java:1487)",
            "java.lang.Thread.run(Thread.java:1474)");

    /** A common-pool worker lingering after a parallel stream, JDK 17 (WAITING, parked in awaitWork). */
    static final List<String> COMMON_POOL_IDLE_JDK17 = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base/java.util.concurrent.ForkJoinPool.awaitWork(ForkJoinPool.java:1724)",
            "java.base/java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:1623)",
            "java.base/java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:165)");

    /** The same on JDK 25: no LockSupport frame, a deactivate frame. */
    static final List<String> COMMON_POOL_IDLE_JDK25 = List.of(
            "java.base@25.0.3/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@25.0.3/java.util.concurrent.ForkJoinPool.awaitWork(ForkJoinPool.java:2109)",
            "java.base@25.0.3/java.util.concurrent.ForkJoinPool.deactivate(ForkJoinPool.java:2063)",
            "java.base@25.0.3/java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:2027)",
            "java.base@25.0.3/java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:187)");

    /** A carrier of the virtual-thread scheduler while it runs a virtual thread, as the JDK 25 thread bean shows it. */
    static final List<String> CARRIER_RUNNING = List.of(
            "java.base/jdk.internal.vm.Continuation.run(Continuation.java:254)",
            "java.base/java.lang.VirtualThread.runContinuation(VirtualThread.java:297)",
            "java.base/java.util.concurrent.ForkJoinTask$RunnableExecuteAction.compute(ForkJoinTask.java:1753)",
            "java.base/java.util.concurrent.ForkJoinTask$RunnableExecuteAction.compute(ForkJoinTask.java:1745)",
            "java.base/java.util.concurrent.ForkJoinTask$InterruptibleTask.exec(ForkJoinTask.java:1662)",
            "java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:511)",
            "java.base/java.util.concurrent.ForkJoinPool$WorkQueue.topLevelExec(ForkJoinPool.java:1450)",
            "java.base/java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:2019)",
            "java.base/java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:187)");

    /** JDK 9 to 16 parked inside runWorker itself, with no awaitWork frame. */
    static final List<String> COMMON_POOL_IDLE_JDK11 = List.of(
            "jdk.internal.misc.Unsafe.park(Native Method)",
            "java.util.concurrent.locks.LockSupport.park(LockSupport.java:194)",
            "java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:1628)",
            "java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:177)");

    /** A ForkJoinPool worker running a task that blocks: not idle. */
    static final List<String> FORK_JOIN_TASK_BLOCKED = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "com.acme.Crawler.fetch(Crawler.java:77)",
            "java.base/java.util.concurrent.ForkJoinTask$AdaptedRunnableAction.exec(ForkJoinTask.java:1407)",
            "java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:290)",
            "java.base/java.util.concurrent.ForkJoinPool$WorkQueue.topLevelExec(ForkJoinPool.java:1020)",
            "java.base/java.util.concurrent.ForkJoinPool.scan(ForkJoinPool.java:1656)",
            "java.base/java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:1622)",
            "java.base/java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:165)");

    /** A scheduled executor's worker between ticks (TIMED_WAITING in the delay queue). */
    static final List<String> SCHEDULED_WORKER_BETWEEN_TICKS = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
            "java.base@17.0.15/java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:1182)",
            "java.base@17.0.15/java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:899)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1122)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** A scheduled executor's worker with nothing scheduled at all (WAITING in the delay queue). */
    static final List<String> SCHEDULED_WORKER_NOTHING_SCHEDULED = List.of(
            "jdk.internal.misc.Unsafe.park(Native Method)",
            "java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1625)",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:1177)",
            "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take(ScheduledThreadPoolExecutor.java:899)",
            "java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)",
            "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1122)",
            "java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.lang.Thread.run(Thread.java:840)");

    /** A java.util.Timer's thread with no task scheduled, JDK 25. */
    static final List<String> TIMER_IDLE_JDK25 = List.of(
            "java.base@25.0.3/java.lang.Object.wait0(Native Method)",
            "java.base@25.0.3/java.lang.Object.wait(Object.java:389)",
            "java.base@25.0.3/java.lang.Object.wait(Object.java:351)",
            "java.base@25.0.3/java.util.TimerThread.mainLoop(Timer.java:543)",
            "java.base@25.0.3/java.util.TimerThread.run(Timer.java:522)");

    /**
     * JDK 25's common-pool timer thread ({@code ForkJoinPool.commonPool-delayScheduler}) with nothing due, as the agent
     * reported it on a healthy program whose Caffeine cache expires entries through the common pool.
     */
    static final List<String> DELAY_SCHEDULER_IDLE_JDK25 = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.DelayScheduler.loop(DelayScheduler.java:253)",
            "java.base/java.util.concurrent.DelayScheduler.run(DelayScheduler.java:221)");

    /** The same thread running a delayed task of the kind it runs itself, which blocks: not idle. */
    static final List<String> DELAY_SCHEDULER_TASK_BLOCKED_JDK25 = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:371)",
            "java.base/java.util.concurrent.Semaphore.acquire(Semaphore.java:318)",
            "com.acme.Alarm.fire(Alarm.java:31)",
            "java.base/java.util.concurrent.DelayScheduler$ScheduledForkJoinTask.compute(DelayScheduler.java:543)",
            "java.base/java.util.concurrent.ForkJoinTask$InterruptibleTask.exec(ForkJoinTask.java:1652)",
            "java.base/java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:511)",
            "java.base/java.util.concurrent.DelayScheduler.loop(DelayScheduler.java:325)",
            "java.base/java.util.concurrent.DelayScheduler.run(DelayScheduler.java:221)");

    /** A thread waiting in {@code ArrayBlockingQueue.take()} on JDK 17, down to that call: its caller's frames follow. */
    private static final List<String> QUEUE_TAKE_JDK17 = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block(AbstractQueuedSynchronizer.java:506)",
            "java.base@17.0.15/java.util.concurrent.ForkJoinPool.unmanagedBlock(ForkJoinPool.java:3465)",
            "java.base@17.0.15/java.util.concurrent.ForkJoinPool.managedBlock(ForkJoinPool.java:3436)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1630)",
            "java.base@17.0.15/java.util.concurrent.ArrayBlockingQueue.take(ArrayBlockingQueue.java:420)");

    /** Logback's {@code AsyncAppender} worker waiting for the next event (logback 1.5.18): idle. */
    static final List<String> LOGBACK_ASYNC_WORKER_IDLE = takingFrom(
            "ch.qos.logback.core.AsyncAppenderBase$Worker.run(AsyncAppenderBase.java:298)");

    /** log4j2's {@code Async} appender thread waiting for the next event (log4j-core 2.24.3): idle. */
    static final List<String> LOG4J2_ASYNC_DISPATCHER_IDLE = takingFrom(
            "app//org.apache.logging.log4j.core.appender.AsyncAppenderEventDispatcher.dispatchAll(AsyncAppenderEventDispatcher.java:81)",
            "app//org.apache.logging.log4j.core.appender.AsyncAppenderEventDispatcher.run(AsyncAppenderEventDispatcher.java:73)");

    /**
     * A ZooKeeper 3.9.5 server's request stages and its client's event thread with nothing to do, each waiting in its
     * queue's {@code take()}: idle.
     */
    static final List<List<String>> ZOOKEEPER_IDLE = List.of(
            takingFrom("org.apache.zookeeper.server.RequestThrottler.run(RequestThrottler.java:147)"),
            takingFrom("org.apache.zookeeper.server.PrepRequestProcessor.run(PrepRequestProcessor.java:142)"),
            takingFrom("org.apache.zookeeper.server.SyncRequestProcessor.run(SyncRequestProcessor.java:170)"),
            takingFrom("org.apache.zookeeper.ClientCnxn$EventThread.run(ClientCnxn.java:537)"));

    /**
     * An idle Hazelcast 5.7.0 member (JDK 17): an event worker, a generic and a partition operation thread, a response
     * thread, each waiting for the next piece of work, and the migration thread polling for the next migration.
     */
    static final List<List<String>> HAZELCAST_IDLE = List.of(
            takingFrom("app//com.hazelcast.internal.util.executor.StripedExecutor$Worker.run(StripedExecutor.java:226)"),
            takingFrom("app//com.hazelcast.spi.impl.operationexecutor.impl.OperationQueueImpl.take(OperationQueueImpl.java:107)",
                    "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.loop(OperationThread.java:129)",
                    "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.executeRun(OperationThread.java:115)",
                    "app//com.hazelcast.internal.util.executor.HazelcastManagedThread.run(HazelcastManagedThread.java:111)"),
            hazelcastTakingFrom(
                    "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationQueueImpl.take(OperationQueueImpl.java:107)",
                    "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.loop(OperationThread.java:129)",
                    "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.executeRun(OperationThread.java:115)",
                    "app//com.hazelcast.internal.util.executor.HazelcastManagedThread.run(HazelcastManagedThread.java:111)"),
            hazelcastTakingFrom(
                    "app//com.hazelcast.spi.impl.operationservice.impl.InboundResponseHandlerSupplier$ResponseThread.doRun(InboundResponseHandlerSupplier.java:295)",
                    "app//com.hazelcast.spi.impl.operationservice.impl.InboundResponseHandlerSupplier$ResponseThread.executeRun(InboundResponseHandlerSupplier.java:284)",
                    "app//com.hazelcast.internal.util.executor.HazelcastManagedThread.run(HazelcastManagedThread.java:111)"),
            List.of("java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                    "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
                    "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
                    "java.base@17.0.15/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
                    "app//com.hazelcast.internal.partition.impl.MigrationQueue.poll(MigrationQueue.java:47)",
                    "app//com.hazelcast.internal.partition.impl.MigrationThread.doRun(MigrationThread.java:91)",
                    "app//com.hazelcast.internal.partition.impl.MigrationThread.run(MigrationThread.java:66)"));

    /** A Hazelcast partition operation thread running a map load that waits for the application's lock: not idle. */
    static final List<String> HAZELCAST_OPERATION_BLOCKED = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base@17.0.15/java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
            "app//com.acme.OrderStore.load(OrderStore.java:40)",
            "app//com.hazelcast.map.impl.MapStoreWrapper.load(MapStoreWrapper.java:150)",
            "app//com.hazelcast.map.impl.operation.GetOperation.runInternal(GetOperation.java:60)",
            "app//com.hazelcast.spi.impl.operationservice.Operation.call(Operation.java:195)",
            "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationRunnerImpl.run(OperationRunnerImpl.java:273)",
            "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.process(OperationThread.java:156)",
            "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.loop(OperationThread.java:145)",
            "app//com.hazelcast.spi.impl.operationexecutor.impl.OperationThread.executeRun(OperationThread.java:115)",
            "app//com.hazelcast.internal.util.executor.HazelcastManagedThread.run(HazelcastManagedThread.java:111)");

    /** A MongoDB 5.14.0 client's server monitor waiting for its next heartbeat (JDK 17): idle. */
    static final List<String> MONGO_MONITOR_IDLE = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.lambda$waitForSignalOrTimeout$1(DefaultServerMonitor.java:417)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor$$Lambda$103/0x00007f84ac0ae000.get(Unknown Source)",
            "app//com.mongodb.internal.Locks.checkedWithLock(Locks.java:60)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.waitForSignalOrTimeout(DefaultServerMonitor.java:417)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.waitForNext(DefaultServerMonitor.java:403)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.run(DefaultServerMonitor.java:228)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** The same monitor in its heartbeat, waiting for a lock of the application's listener: not idle. */
    static final List<String> MONGO_MONITOR_IN_A_LISTENER = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.tryAcquireNanos(AbstractQueuedSynchronizer.java:1374)",
            "java.base@17.0.15/java.util.concurrent.locks.ReentrantLock.tryLock(ReentrantLock.java:431)",
            "app//com.acme.HealthListener.serverHeartbeatSucceeded(HealthListener.java:18)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.lookupServerDescription(DefaultServerMonitor.java:260)",
            "app//com.mongodb.internal.connection.DefaultServerMonitor$ServerMonitor.run(DefaultServerMonitor.java:214)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** An LMAX Disruptor 4 event processor with a {@code BlockingWaitStrategy}, nothing published: idle. */
    static final List<String> DISRUPTOR_PROCESSOR_IDLE = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "java.base@17.0.15/java.lang.Object.wait(Object.java:338)",
            "app//com.lmax.disruptor.BlockingWaitStrategy.waitFor(BlockingWaitStrategy.java:40)",
            "app//com.lmax.disruptor.ProcessingSequenceBarrier.waitFor(ProcessingSequenceBarrier.java:56)",
            "app//com.lmax.disruptor.BatchEventProcessor.processEvents(BatchEventProcessor.java:156)",
            "app//com.lmax.disruptor.BatchEventProcessor.run(BatchEventProcessor.java:122)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** log4j2 2.26's asynchronous logger thread (a Disruptor with a timeout wait strategy) while nothing is logged. */
    static final List<String> LOG4J2_ASYNC_LOGGER_IDLE = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "java.base@17.0.15/java.lang.Object.wait(Object.java:472)",
            "app//com.lmax.disruptor.util.Util.awaitNanos(Util.java:118)",
            "app//com.lmax.disruptor.TimeoutBlockingWaitStrategy.waitFor(TimeoutBlockingWaitStrategy.java:47)",
            "app//com.lmax.disruptor.ProcessingSequenceBarrier.waitFor(ProcessingSequenceBarrier.java:56)",
            "app//com.lmax.disruptor.BatchEventProcessor.processEvents(BatchEventProcessor.java:156)",
            "app//com.lmax.disruptor.BatchEventProcessor.run(BatchEventProcessor.java:122)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /**
     * The same on log4j2 2.24 and the Disruptor 3.4: log4j2's own timeout wait strategy, woken every 10 ms (a census
     * of idle library threads found it reported as a polling loop).
     */
    static final List<String> LOG4J2_ASYNC_LOGGER_IDLE_ON_DISRUPTOR_3 = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "java.base@17.0.15/java.lang.Object.wait(Object.java:472)",
            "app//org.apache.logging.log4j.core.async.TimeoutBlockingWaitStrategy.awaitNanos(TimeoutBlockingWaitStrategy.java:108)",
            "app//org.apache.logging.log4j.core.async.TimeoutBlockingWaitStrategy.waitFor(TimeoutBlockingWaitStrategy.java:67)",
            "app//com.lmax.disruptor.ProcessingSequenceBarrier.waitFor(ProcessingSequenceBarrier.java:56)",
            "app//com.lmax.disruptor.BatchEventProcessor.processEvents(BatchEventProcessor.java:159)",
            "app//com.lmax.disruptor.BatchEventProcessor.run(BatchEventProcessor.java:125)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** A Disruptor event handler of the application that never returns from its event. */
    static final List<String> DISRUPTOR_HANDLER_STUCK = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base@17.0.15/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "app//com.acme.Prices.onEvent(Prices.java:77)",
            "app//com.lmax.disruptor.BatchEventProcessor.processEvents(BatchEventProcessor.java:167)",
            "app//com.lmax.disruptor.BatchEventProcessor.run(BatchEventProcessor.java:122)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** kotlinx.coroutines 1.11's {@code runBlocking} whose coroutine waits for something that never comes. */
    static final List<String> RUN_BLOCKING_WAITING = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "app//kotlinx.coroutines.BlockingCoroutine.joinBlocking(Builders.kt:57)",
            "app//kotlinx.coroutines.BuildersKt__BuildersKt.runBlockingImpl(Builders.kt:30)",
            "app//kotlinx.coroutines.BuildersKt.runBlockingImpl(Unknown Source)",
            "app//kotlinx.coroutines.BuildersKt__Builders_concurrentKt.runBlockingK(Builders.concurrent.kt:172)",
            "app//kotlinx.coroutines.BuildersKt.runBlockingK(Unknown Source)",
            "app//com.acme.TokensKt.fetchToken(Tokens.kt:46)",
            "app//com.acme.TokensKt.handle(Tokens.kt:42)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** Guava's {@code AbstractExecutionThreadService} whose {@code run()} polls a queue while the service runs. */
    static final List<String> GUAVA_SERVICE_POLL = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.parkNanos(LockSupport.java:252)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitNanos(AbstractQueuedSynchronizer.java:1679)",
            "java.base@17.0.15/java.util.concurrent.LinkedBlockingQueue.poll(LinkedBlockingQueue.java:460)",
            "app//com.acme.QueueConsumer.run(QueueConsumer.java:45)",
            "app//com.google.common.util.concurrent.AbstractExecutionThreadService$1.lambda$doStart$1(AbstractExecutionThreadService.java:55)",
            "app//com.google.common.util.concurrent.AbstractExecutionThreadService$1$$Lambda$69/0x00007f8ef0036ea8.run(Unknown Source)",
            "app//com.google.common.util.concurrent.Callables.lambda$threadRenaming$1(Callables.java:104)",
            "app//com.google.common.util.concurrent.Callables$$Lambda$61/0x00007f8ef0035530.run(Unknown Source)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** HSQLDB 2.7.4's timer waiting for its next task (the heartbeat of a file database's lock file): idle. */
    static final List<String> HSQLDB_TIMER_IDLE = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "app//org.hsqldb.lib.HsqlTimer$TaskQueue.park(Unknown Source)",
            "app//org.hsqldb.lib.HsqlTimer.nextTask(Unknown Source)",
            "app//org.hsqldb.lib.HsqlTimer$TaskRunner.run(Unknown Source)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** An embedded ZooKeeper 3.9.3 server's runner (as Curator's {@code TestingServer} starts it): idle. */
    static final List<String> ZOOKEEPER_EMBEDDED_RUNNER = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly(AbstractQueuedSynchronizer.java:1047)",
            "java.base@17.0.15/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "app//org.apache.zookeeper.server.ZooKeeperServerMain.runFromConfig(ZooKeeperServerMain.java:185)",
            "app//org.apache.zookeeper.server.embedded.ZooKeeperServerEmbeddedImpl$4.run(ZooKeeperServerEmbeddedImpl.java:167)");

    /** A Curator 5.9.0 client's background operations loop, a task on its own pool, with nothing to retry: idle. */
    static final List<String> CURATOR_BACKGROUND_LOOP = calledFrom(
            // the same wait on a condition as an idle pool worker's, here in a DelayQueue
            POOL_WORKER_IDLE_JDK17.subList(0, 6),
            "java.base@17.0.15/java.util.concurrent.DelayQueue.take(DelayQueue.java:217)",
            "java.base@17.0.15/java.util.concurrent.DelayQueue.take(DelayQueue.java:77)",
            "app//org.apache.curator.framework.imps.CuratorFrameworkImpl.backgroundOperationsLoop(CuratorFrameworkImpl.java:796)",
            "app//org.apache.curator.framework.imps.CuratorFrameworkImpl.access$300(CuratorFrameworkImpl.java:77)",
            "app//org.apache.curator.framework.imps.CuratorFrameworkImpl$4.call(CuratorFrameworkImpl.java:320)",
            "java.base@17.0.15/java.util.concurrent.FutureTask.run(FutureTask.java:264)",
            "java.base@17.0.15/java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java:304)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
            "java.base@17.0.15/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** The same worker stuck handing an event on: its file appender waits for a lock. Not idle. */
    static final List<String> LOGBACK_ASYNC_WORKER_STUCK_APPENDING = List.of(
            "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base@17.0.15/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:938)",
            "java.base@17.0.15/java.util.concurrent.locks.ReentrantLock$Sync.lock(ReentrantLock.java:153)",
            "java.base@17.0.15/java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
            "ch.qos.logback.core.OutputStreamAppender.writeBytes(OutputStreamAppender.java:203)",
            "ch.qos.logback.core.OutputStreamAppender.subAppend(OutputStreamAppender.java:238)",
            "ch.qos.logback.core.UnsynchronizedAppenderBase.doAppend(UnsynchronizedAppenderBase.java:84)",
            "ch.qos.logback.core.spi.AppenderAttachableImpl.appendLoopOnAppenders(AppenderAttachableImpl.java:51)",
            "ch.qos.logback.core.AsyncAppenderBase$Worker.run(AsyncAppenderBase.java:307)");

    /** A java.util.Timer's thread running a task that blocks: not idle. */
    static final List<String> TIMER_TASK_BLOCKED = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base/java.util.concurrent.Semaphore.acquire(Semaphore.java:318)",
            "com.acme.Report$1.run(Report.java:25)",
            "java.base/java.util.TimerThread.mainLoop(Timer.java:566)",
            "java.base/java.util.TimerThread.run(Timer.java:516)");

    /** A cleaner created by java.lang.ref.Cleaner.create(), JDK 25. */
    static final List<String> CLEANER_IDLE_JDK25 = List.of(
            "java.base@25.0.3/java.lang.Object.wait0(Native Method)",
            "java.base@25.0.3/java.lang.Object.wait(Object.java:389)",
            "java.base@25.0.3/java.lang.ref.ReferenceQueue.remove0(ReferenceQueue.java:123)",
            "java.base@25.0.3/java.lang.ref.ReferenceQueue.remove(ReferenceQueue.java:201)",
            "java.base@25.0.3/jdk.internal.ref.CleanerImpl.run(CleanerImpl.java:146)",
            "java.base@25.0.3/java.lang.Thread.runWith(Thread.java:1487)",
            "java.base@25.0.3/java.lang.Thread.run(Thread.java:1474)",
            "java.base@25.0.3/jdk.internal.misc.InnocuousThread.run(InnocuousThread.java:148)");

    /** The JDK's HTTP server dispatcher waiting for connections. */
    static final List<String> HTTP_SERVER_DISPATCHER_IDLE = List.of(
            "java.base/sun.nio.ch.EPoll.wait(Native Method)",
            "java.base/sun.nio.ch.EPollSelectorImpl.doSelect(EPollSelectorImpl.java:121)",
            "java.base/sun.nio.ch.SelectorImpl.lockAndDoSelect(SelectorImpl.java:129)",
            "java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:141)",
            "jdk.httpserver/sun.net.httpserver.ServerImpl$Dispatcher.run(ServerImpl.java:380)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** A virtual thread accepting connections: parked, not RUNNABLE as a platform acceptor would be. */
    static final List<String> VIRTUAL_ACCEPT = List.of(
            "java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
            "java.base/java.lang.System$2.parkVirtualThread(System.java:2643)",
            "java.base/jdk.internal.misc.VirtualThreads.park(VirtualThreads.java:54)",
            "java.base/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:181)",
            "java.base/sun.nio.ch.NioSocketImpl.accept(NioSocketImpl.java:728)",
            "java.base/java.net.ServerSocket.implAccept(ServerSocket.java:698)",
            "java.base/java.net.ServerSocket.accept(ServerSocket.java:619)",
            "com.acme.Server.serve(Server.java:21)",
            "java.base/java.lang.VirtualThread.run(VirtualThread.java:309)");

    /** Waiting in Thread.join for another thread, JDK 17. */
    static final List<String> JOINING = List.of(
            "java.base@17.0.15/java.lang.Object.wait(Native Method)",
            "java.base@17.0.15/java.lang.Thread.join(Thread.java:1313)",
            "java.base@17.0.15/java.lang.Thread.join(Thread.java:1381)",
            "com.acme.Batch.awaitAll(Batch.java:60)",
            "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");

    /** A consumer waiting for its next item. */
    static final List<String> CONSUMER_TAKE = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1623)",
            "java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
            "com.acme.Consumer.run(Consumer.java:40)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** A pipeline stage blocked putting into a full queue nobody drains. */
    static final List<String> PIPELINE_PUT = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block(AbstractQueuedSynchronizer.java:506)",
            "java.base/java.util.concurrent.ForkJoinPool.unmanagedBlock(ForkJoinPool.java:3465)",
            "java.base/java.util.concurrent.ForkJoinPool.managedBlock(ForkJoinPool.java:3436)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1630)",
            "java.base/java.util.concurrent.ArrayBlockingQueue.put(ArrayBlockingQueue.java:370)",
            "com.acme.Pipeline.stage(Pipeline.java:52)",
            "com.acme.Pipeline$$Lambda$233/0x00007fc720154ce8.run(Unknown Source)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    static final List<String> PIPELINE_CREATED = List.of(
            "java.base/java.lang.Thread.start(Thread.java:809)",
            "com.acme.Pipeline.start(Pipeline.java:30)",
            "com.acme.Main.main(Main.java:12)");

    /** A virtual thread parked on a latch nobody counts down, JDK 21+. */
    static final List<String> VIRTUAL_LATCH_AWAIT = List.of(
            "java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
            "java.base/java.lang.System$2.parkVirtualThread(System.java:2643)",
            "java.base/jdk.internal.misc.VirtualThreads.park(VirtualThreads.java:54)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:219)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:754)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly(AbstractQueuedSynchronizer.java:1099)",
            "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "com.acme.Fanout.handle(Fanout.java:41)",
            "com.acme.Fanout.lambda$start$0(Fanout.java:30)",
            "java.base/java.lang.VirtualThread.run(VirtualThread.java:329)");

    static final List<String> FANOUT_CREATED = List.of(
            "java.base/java.lang.ThreadBuilders$VirtualThreadBuilder.start(ThreadBuilders.java:230)",
            "com.acme.Fanout.start(Fanout.java:30)",
            "com.acme.Main.main(Main.java:14)");

    /** A pool worker whose task waits on a Future of a task it submitted to its own pool. */
    static final List<String> WORKER_IN_FUTURE_GET = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base/java.util.concurrent.FutureTask.awaitDone(FutureTask.java:447)",
            "java.base/java.util.concurrent.FutureTask.get(FutureTask.java:190)",
            "com.acme.Orders.place(Orders.java:33)",
            "java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
            "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** A pool worker whose task waits on a latch. */
    static final List<String> WORKER_IN_LATCH_AWAIT = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquireSharedInterruptibly(AbstractQueuedSynchronizer.java:1047)",
            "java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
            "com.acme.Reports.build(Reports.java:71)",
            "java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
            "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** A pool worker busy computing. */
    static final List<String> WORKER_COMPUTING = List.of(
            "com.acme.Pricing.compute(Pricing.java:90)",
            "java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)",
            "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
            "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** Entering a monitor another thread holds. */
    static List<String> monitorEnter(String method, int line) {
        return List.of("com.acme.Ledger." + method + "(Ledger.java:" + line + ")",
                "com.acme.Bank.run(Bank.java:20)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
    }

    /** Parked on a ReentrantLock another thread holds. */
    static final List<String> REENTRANT_LOCK = List.of(
            "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:211)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
            "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:938)",
            "java.base/java.util.concurrent.locks.ReentrantLock$Sync.lock(ReentrantLock.java:153)",
            "java.base/java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
            "com.acme.Inventory.reserve(Inventory.java:48)",
            "java.base/java.lang.Thread.run(Thread.java:840)");

    /** JDK 25: where a virtual thread parks when it reads a socket (as Helidon 4 read an idle keep-alive connection). */
    private static final List<String> VIRTUAL_SOCKET_PARK_JDK25 = List.of(
            "java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
            "java.base/java.lang.System$1.parkVirtualThread(System.java:2285)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:367)",
            "java.base/sun.nio.ch.Poller.poll(Poller.java:197)",
            "java.base/sun.nio.ch.Poller.poll(Poller.java:142)",
            "java.base/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:174)",
            "java.base/sun.nio.ch.NioSocketImpl.park(NioSocketImpl.java:200)");

    /** A Helidon 4.1 server's virtual thread reading the next request of an idle keep-alive connection: idle. */
    static final List<String> VIRTUAL_SOCKET_READ_JDK25 = calledFrom(VIRTUAL_SOCKET_PARK_JDK25,
            "java.base/sun.nio.ch.NioSocketImpl.implRead(NioSocketImpl.java:307)",
            "java.base/sun.nio.ch.NioSocketImpl.read(NioSocketImpl.java:354)",
            "java.base/sun.nio.ch.NioSocketImpl$1.read(NioSocketImpl.java:798)",
            "java.base/java.net.Socket$SocketInputStream.implRead(Socket.java:974)",
            "java.base/java.net.Socket$SocketInputStream.read(Socket.java:964)",
            "io.helidon.common.socket.IdleInputStream.read(IdleInputStream.java:74)",
            "java.base/java.io.InputStream.read(InputStream.java:222)",
            "io.helidon.common.socket.PlainSocket.get(PlainSocket.java:142)",
            "io.helidon.webserver.http1.Http1Connection.handle(Http1Connection.java:156)",
            "io.helidon.webserver.ConnectionHandler.run(ConnectionHandler.java:169)",
            "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)");

    /** The same virtual thread writing to a peer that stopped reading: stuck, whatever the JDK calls it. */
    static final List<String> VIRTUAL_SOCKET_WRITE_JDK25 = calledFrom(VIRTUAL_SOCKET_PARK_JDK25,
            "java.base/sun.nio.ch.NioSocketImpl.implWrite(NioSocketImpl.java:420)",
            "java.base/sun.nio.ch.NioSocketImpl.write(NioSocketImpl.java:440)",
            "java.base/sun.nio.ch.NioSocketImpl$2.write(NioSocketImpl.java:826)",
            "java.base/java.net.Socket$SocketOutputStream.implWrite(Socket.java:1099)",
            "java.base/java.net.Socket$SocketOutputStream.write(Socket.java:1089)",
            "com.acme.Export.send(Export.java:31)",
            "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)");

    /** JDK 25's own poller, a virtual thread ({@code SubPoller-0}) waiting for socket events: idle. */
    static final List<String> JDK25_SUB_POLLER = List.of(
            "java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
            "java.base/java.lang.System$1.parkVirtualThread(System.java:2285)",
            "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:367)",
            "java.base/sun.nio.ch.Poller.poll(Poller.java:197)",
            "java.base/sun.nio.ch.Poller.subPollerLoop(Poller.java:271)",
            "java.base/sun.nio.ch.Poller$Pollers.lambda$start$2(Poller.java:366)",
            "java.base/java.util.concurrent.ThreadPerTaskExecutor$TaskRunner.run(ThreadPerTaskExecutor.java:291)",
            "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)");

    /** {@code top}, the frames of a wait or a call, then the frames of its {@code callers}, innermost first. */
    static List<String> calledFrom(List<String> top, String... callers) {
        List<String> stack = new ArrayList<>(top);
        stack.addAll(List.of(callers));
        return List.copyOf(stack);
    }

    /** A thread waiting in Hazelcast's own queue's {@code take()} (JDK 17), down to that call: its callers follow. */
    private static List<String> hazelcastTakingFrom(String... callers) {
        return calledFrom(List.of(
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "app//com.hazelcast.internal.util.concurrent.MPSCQueue.takeAll(MPSCQueue.java:229)",
                "app//com.hazelcast.internal.util.concurrent.MPSCQueue.take(MPSCQueue.java:151)"), callers);
    }

    /** {@link #QUEUE_TAKE_JDK17} called from {@code callers}, innermost first. */
    private static List<String> takingFrom(String... callers) {
        return calledFrom(QUEUE_TAKE_JDK17, callers);
    }
}
