package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The tasks a {@code ThreadPoolExecutor} handed to a worker it has just created ({@code Worker.firstTask}) and that
 * worker has not begun: such a task is in no queue and runs on no thread until the new thread is first scheduled,
 * tens of milliseconds on a loaded machine. A snapshot taken in between (the JUnit check's, before a test) must
 * still see it, or the task looks submitted later. Reads the pool's private set of workers, a package the agent
 * opens to itself; where the JDK's fields are not there or not open, finds nothing.
 */
final class NewWorkers {

    private static final Field WORKERS = JdkFields.field(ThreadPoolExecutor.class, "workers");
    private static final Field FIRST_TASK = JdkFields.field(
            JdkFields.type("java.util.concurrent.ThreadPoolExecutor$Worker"), "firstTask");

    private NewWorkers() {
    }

    /** The first tasks of the pool's workers that have not started them yet; usually none. */
    static List<Runnable> pendingFirstTasks(ThreadPoolExecutor pool) {
        if (WORKERS == null || FIRST_TASK == null) {
            return List.of();
        }
        try {
            List<Runnable> out = List.of();
            for (Object worker : ((Collection<?>) WORKERS.get(pool)).toArray()) {
                if (FIRST_TASK.get(worker) instanceof Runnable task) {
                    if (out.isEmpty()) {
                        out = new ArrayList<>(2);
                    }
                    out.add(task);
                }
            }
            return out;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the set changed while read: the pool guards it with a lock the agent does not take; next time
            return List.of();
        }
    }
}
