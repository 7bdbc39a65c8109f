package dev.threadhound.junit;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Platform threads as the JVM's ThreadMXBean sees them: names, states, full stacks and the lock each waits for
 * with its owner, which is all the deadlock detector needs. No creation sites, executors or tasks.
 */
final class JvmThreadSource implements SnapshotSource {

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    @Override
    public Snapshot take() {
        // Locked monitors and synchronizers are left out: the lock waited for and its owner come without them,
        // and collecting them costs a safepoint walk over every stack's locks.
        ThreadInfo[] infos = mx.dumpAllThreads(false, false);
        List<ThreadRecord> threads = new ArrayList<>(infos.length);
        for (ThreadInfo info : infos) {
            List<String> stack = Arrays.stream(info.getStackTrace()).map(StackTraceElement::toString).toList();
            threads.add(new ThreadRecord(info.getThreadId(), info.getThreadName(), false, info.isDaemon(),
                    info.getThreadState().name(), stack,
                    info.getLockInfo() != null ? info.getLockInfo().toString() : null,
                    info.getLockOwnerId(), info.getLockOwnerName(), info.getBlockedCount(), info.getWaitedCount(),
                    -1, List.of(), -1, null, 0));
        }
        return Snapshot.ofThreads(System.currentTimeMillis(), threads);
    }

    @Override
    public boolean agent() {
        return false;
    }
}
