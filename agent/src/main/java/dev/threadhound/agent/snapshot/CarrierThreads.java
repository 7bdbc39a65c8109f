package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;
import dev.threadhound.agent.track.ThreadKinds;
import dev.threadhound.detect.Frames;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier threads of virtual threads, read from their own fields instead of by the JVM. {@code getThreadInfo}
 * without a stack reads a thread while it runs on, and on JDK 25.0.3 (and earlier JDKs with virtual threads) it
 * crashes the whole JVM in {@code ThreadSnapshot::initialize} when it meets a carrier as a virtual thread mounts or
 * unmounts on it (reported as JDK-8392031 in September 2026): a program of twenty lines starting empty virtual
 * threads in a loop while another thread polls {@code getThreadInfo} died within 20 s in one run of three, with no
 * agent, and this agent's loop met it once in a benchmark run, 8.7 s in. A stack taken by the JVM while every
 * thread stops, or by a handshake with the one thread ({@code Thread.getStackTrace}), is not affected.
 *
 * <p>A carrier is read as the JDK reports one: while it runs a virtual thread, {@code WAITING} on that virtual
 * thread and owned by it (what the virtual thread does is in its own record); otherwise in its own state, waiting on
 * its park blocker (the scheduler's pool while idle). The JDK's blocked and wait counts are not there to read.
 */
final class CarrierThreads {

    private static final String CARRIER_GROUP = "CarrierThreads";
    private static final String CONTINUATION = "jdk.internal.vm.Continuation.";

    /**
     * The frames a carrier waits in between two virtual threads. Not every frame of the JDK's means of waiting: on
     * JDK 25 a carrier schedules a parked virtual thread's timeout on its own frames, ending in
     * {@code Unsafe.unpark} of the pool's delay scheduler, in the same state and on the same pool as its idle wait;
     * kept, that stack made it a task stuck for seconds on a healthy server.
     */
    private static final List<String> WAITS = List.of(
            "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait", "java.lang.Thread.sleep");

    /**
     * The fields {@link #carried} reads, looked up at the first carrier read: not in a JVM that never runs a virtual
     * thread, where looking them up would initialize the JDK's continuation class for nothing.
     */
    private static final class Fields {
        /** The innermost continuation mounted on a thread: a virtual thread's while a carrier runs it. */
        static final Field MOUNTED = JdkFields.field(Thread.class, "cont");
        static final Field TARGET = JdkFields.field(JdkFields.type("jdk.internal.vm.Continuation"), "target");
        /** The virtual thread held by what its continuation runs: a class of the JDK's own, one per JDK. */
        static final ClassValue<Field> RUN_BY = new ClassValue<>() {
            @Override
            protected Field computeValue(Class<?> type) {
                for (Field f : type.getDeclaredFields()) {
                    if (Thread.class.isAssignableFrom(f.getType())) {
                        return JdkFields.field(type, f.getName());
                    }
                }
                return null;
            }
        };
    }

    private CarrierThreads() {
    }

    /** What a read finds: the state, and what the thread waits on, with its owner when it has one. */
    record Look(Thread.State state, String lockName, String lockClass, long ownerId, String ownerName) {

        /** Whether the carrier runs a virtual thread: only then does what it waits on have an owner. */
        boolean carrying() {
            return ownerId >= 0;
        }
    }

    /** The carrier as the JDK would report it; null once it has ended. */
    static Look look(Thread carrier) {
        Thread.State state = carrier.getState();
        if (state == Thread.State.TERMINATED) {
            return null;
        }
        Thread carried = carried(carrier);
        if (carried != null) {
            return new Look(Thread.State.WAITING, nameOf(carried), carried.getClass().getName(), carried.getId(),
                    carried.getName());
        }
        Object blocker = state == Thread.State.RUNNABLE || state == Thread.State.NEW ? null
                : LockSupport.getBlocker(carrier);
        return blocker == null ? new Look(state, null, null, -1, null)
                : new Look(state, nameOf(blocker), blocker.getClass().getName(), -1, null);
    }

    /**
     * Whether a stack of the carrier shows what {@code look} found: running a virtual thread, the carrier's own
     * frames end in the continuation it runs; waiting on anything else (its pool, between two virtual threads), in a
     * park. Under load a carrier goes from one to the other many times a second, both in the same state and each
     * time on the same object, so that nothing else tells a stack taken in between from one of that wait: kept with
     * a look of its idle wait, a stack of it running a virtual thread made it a task stuck for good on the JDK's
     * scheduler ({@code LEAKED_TASK}, Tomcat 11 on virtual threads under load).
     */
    static boolean stackAgrees(Look look, List<String> stack) {
        if (stack.isEmpty() || (look.state() != Thread.State.WAITING && look.state() != Thread.State.TIMED_WAITING)) {
            return true;
        }
        String method = Frames.method(stack.get(0));
        return look.carrying() ? method.startsWith(CONTINUATION) : WAITS.stream().anyMatch(method::startsWith);
    }

    /** The virtual thread the carrier runs, or null. */
    static Thread carried(Thread carrier) {
        Object continuation = Fields.MOUNTED == null ? null : JdkFields.get(Fields.MOUNTED, carrier);
        Object target = continuation == null || Fields.TARGET == null ? null
                : JdkFields.get(Fields.TARGET, continuation);
        Field runBy = target == null ? null : Fields.RUN_BY.get(target.getClass());
        Object carried = runBy == null ? null : JdkFields.get(runBy, target);
        return carried instanceof Thread t && ThreadKinds.isVirtual(t) ? t : null;
    }

    /**
     * The live carrier threads, found without asking the JVM for any thread's state: the threads of the JDK's group
     * of carriers, none while no virtual thread has run.
     */
    static List<Thread> alive() {
        List<Thread> out = new ArrayList<>();
        if (!ThreadKinds.carriersExist()) {
            return out;
        }
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        ThreadGroup[] groups = new ThreadGroup[root.activeGroupCount() + 8];
        int nGroups = root.enumerate(groups, false);
        for (int g = 0; g < nGroups; g++) {
            if (!CARRIER_GROUP.equals(groups[g].getName())) {
                continue;
            }
            Thread[] threads = new Thread[groups[g].activeCount() + 8];
            int n = groups[g].enumerate(threads, false);
            for (int i = 0; i < n; i++) {
                if (ThreadKinds.isCarrier(threads[i])) {
                    out.add(threads[i]);
                }
            }
        }
        return out;
    }

    /** The name the JDK gives a lock in a thread's read: its class and identity hash. */
    private static String nameOf(Object lock) {
        return lock.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(lock));
    }
}
