package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The carrier threads of virtual threads are never read by the JVM's {@code getThreadInfo} without a stack, which
 * crashes JDK 25.0.3 when it meets a carrier as a virtual thread mounts or unmounts (JDK-8392031; a program polling
 * it while starting virtual threads dies within seconds, no agent needed), and they read as the JDK reports them.
 * JDK 21 on (the {@code virtual-threads} group runs on JDK 25 in {@code mvn verify}).
 */
@Tag("virtual-threads")
class CarrierThreadsTest {

    private static final String CARRIER_CLASS = "jdk.internal.misc.CarrierThread";
    private static final ThreadMXBean JVM = ManagementFactory.getThreadMXBean();

    private volatile boolean running = true;
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : started) {
            t.join(5_000);
        }
    }

    @Test
    void aCarrierReadsAsTheJdkReportsItRunningAVirtualThreadAndIdle() throws Exception {
        Thread spinner = spinner();
        Thread carrier = until("the spinner's carrier", () -> carrierOf(spinner));

        CarrierThreads.Look look = CarrierThreads.look(carrier);
        ThreadInfo jvm = JVM.getThreadInfo(carrier.getId());
        assertThat(look.state()).isEqualTo(Thread.State.WAITING).isEqualTo(jvm.getThreadState());
        assertThat(look.lockName()).isEqualTo(jvm.getLockName()).startsWith("java.lang.VirtualThread@");
        assertThat(look.ownerId()).isEqualTo(spinner.getId()).isEqualTo(jvm.getLockOwnerId());

        running = false;
        spinner.join();
        until("the carrier idle", () -> CarrierThreads.look(carrier).lockName() != null
                && CarrierThreads.look(carrier).lockName().startsWith("java.util.concurrent.ForkJoinPool@") ? true : null);
        CarrierThreads.Look idle = CarrierThreads.look(carrier);
        ThreadInfo idleJvm = JVM.getThreadInfo(carrier.getId());
        assertThat(idle.state()).isEqualTo(idleJvm.getThreadState());
        assertThat(idle.lockName()).isEqualTo(idleJvm.getLockName()).startsWith("java.util.concurrent.ForkJoinPool@");
        assertThat(idle.ownerId()).isEqualTo(-1);
    }

    /**
     * Under load a carrier goes many times a second between running a virtual thread and waiting on its pool, both
     * {@code WAITING} on one object each time: only its stack tells which one a stack was taken in.
     */
    @Test
    void aCarriersStackIsKeptOnlyWithALookOfWhatItShows() throws Exception {
        Thread spinner = spinner();
        Thread carrier = until("the spinner's carrier", () -> carrierOf(spinner));
        CarrierThreads.Look carrying = CarrierThreads.look(carrier);
        List<String> runningStack = frames(carrier.getStackTrace());
        assertThat(CarrierThreads.look(carrier)).as("still carrying the spinner").isEqualTo(carrying);

        running = false;
        spinner.join();
        CarrierThreads.Look idle = until("the carrier idle", () -> {
            CarrierThreads.Look now = CarrierThreads.look(carrier);
            return now.lockName() != null && now.lockName().startsWith("java.util.concurrent.ForkJoinPool@") ? now : null;
        });
        List<String> idleStack = until("a stack of the idle carrier", () -> {
            List<String> stack = frames(carrier.getStackTrace());
            return idle.equals(CarrierThreads.look(carrier)) ? stack : null;
        });

        assertThat(CarrierThreads.stackAgrees(carrying, runningStack)).as(runningStack.toString()).isTrue();
        assertThat(CarrierThreads.stackAgrees(idle, idleStack)).as(idleStack.toString()).isTrue();
        assertThat(CarrierThreads.stackAgrees(idle, runningStack))
                .as("a stack of it running a virtual thread, with a look of it waiting for work").isFalse();
        assertThat(CarrierThreads.stackAgrees(carrying, idleStack))
                .as("a stack of it waiting for work, with a look of it running a virtual thread").isFalse();
        // JDK 25: a virtual thread parked with a timeout has its carrier schedule the timeout once it has unmounted
        List<String> schedulingStack = List.of("java.base/jdk.internal.misc.Unsafe.unpark(Native Method)",
                "java.base/java.util.concurrent.DelayScheduler.signal(DelayScheduler.java:170)",
                "java.base/java.util.concurrent.DelayScheduler.pend(DelayScheduler.java:185)",
                "java.base/java.util.concurrent.ForkJoinPool.scheduleDelayedTask(ForkJoinPool.java:3503)",
                "java.base/java.util.concurrent.ForkJoinPool.schedule(ForkJoinPool.java:3529)",
                "java.base/java.lang.VirtualThread.schedule(VirtualThread.java:1462)",
                "java.base/java.lang.VirtualThread.afterYield(VirtualThread.java:566)",
                "java.base/java.lang.VirtualThread.runContinuation(VirtualThread.java:303)",
                "java.base/java.util.concurrent.ForkJoinPool.runWorker(ForkJoinPool.java:2019)",
                "java.base/java.util.concurrent.ForkJoinWorkerThread.run(ForkJoinWorkerThread.java:187)");
        assertThat(CarrierThreads.stackAgrees(idle, schedulingStack))
                .as("a stack of it waking the pool's delay scheduler, with a look of it waiting for work").isFalse();
    }

    private static List<String> frames(StackTraceElement[] stack) {
        return java.util.Arrays.stream(stack).map(StackTraceElement::toString).toList();
    }

    @Test
    void noSnapshotAsksTheJvmToReadACarrierWithoutAStackTrackedOrNot() throws Exception {
        Thread spinner = spinner();
        Thread carrier = until("the spinner's carrier", () -> carrierOf(spinner));
        Set<Long> carriers = carrierIds();
        assertThat(carriers).contains(carrier.getId());
        Set<Long> readWithoutStack = ConcurrentHashMap.newKeySet();
        ThreadRegistry registry = new ThreadRegistry();
        SnapshotBuilder builder = new SnapshotBuilder(registry, new ExecutorRegistry(), new TaskSites(),
                recording(readWithoutStack));

        Snapshot untracked = builder.build(false);
        assertCarrying(untracked, carrier, spinner);
        assertThat(untracked.threads()).extracting(ThreadRecord::id).containsAll(carriers);

        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getClass().getName().equals(CARRIER_CLASS)) {
                registry.adopt(t);
            }
        }
        for (int i = 0; i < 3; i++) {
            Snapshot tracked = builder.build(i == 2);
            assertCarrying(tracked, carrier, spinner);
        }

        assertThat(readWithoutStack).as("ids read by getThreadInfo without a stack").isNotEmpty()
                .doesNotContainAnyElementsOf(carriers);
    }

    private static void assertCarrying(Snapshot snapshot, Thread carrier, Thread spinner) {
        ThreadRecord record = snapshot.thread(carrier.getId()).orElseThrow();
        assertThat(record.state()).isEqualTo("WAITING");
        assertThat(record.blockedOn()).startsWith("java.lang.VirtualThread@");
        assertThat(record.ownerId()).isEqualTo(spinner.getId());
        assertThat(record.carrying()).isTrue();
    }

    /** A virtual thread that stays on its carrier until the test ends. */
    private Thread spinner() throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        ThreadFactory virtual = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory")
                .invoke(builder);
        Thread spinner = virtual.newThread(() -> {
            long spins = 0;
            while (running) {
                spins++;
            }
            assertThat(spins).isPositive();
        });
        spinner.start();
        started.add(spinner);
        return spinner;
    }

    private static <T> T until(String what, Supplier<T> found) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        for (T t = found.get(); ; t = found.get()) {
            if (t != null) {
                return t;
            }
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(10);
        }
    }

    private static Thread carrierOf(Thread virtual) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getClass().getName().equals(CARRIER_CLASS) && CarrierThreads.carried(t) == virtual) {
                return t;
            }
        }
        return null;
    }

    private static Set<Long> carrierIds() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getClass().getName().equals(CARRIER_CLASS))
                .map(Thread::getId).collect(Collectors.toSet());
    }

    /** The JVM's bean, noting the ids of every read it makes without a stack. */
    private static ThreadMXBean recording(Set<Long> readWithoutStack) {
        return (ThreadMXBean) Proxy.newProxyInstance(CarrierThreadsTest.class.getClassLoader(),
                new Class<?>[] {com.sun.management.ThreadMXBean.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getThreadInfo")) {
                        noteReadsWithoutStack(args, readWithoutStack);
                    }
                    try {
                        return method.invoke(JVM, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void noteReadsWithoutStack(Object[] args, Set<Long> ids) {
        boolean withoutStack = args.length == 1 || (args.length == 2 && args[1] instanceof Integer depth && depth == 0);
        if (!withoutStack) {
            return;
        }
        if (args[0] instanceof long[] many) {
            for (long id : many) {
                ids.add(id);
            }
        } else {
            ids.add((Long) args[0]);
        }
    }
}
