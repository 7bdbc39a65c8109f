package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ClassCopies;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class StackTableTest {

    /**
     * A stack the table made text of keeps no class loaded: the code of an application undeployed from its server
     * (a class loader of its own) is collected once its threads have ended, though the table still knows their frames.
     */
    @Test
    void theFramesOfAnEndedApplicationKeepNoneOfItsClassesLoaded() throws Exception {
        StackTable table = new StackTable();
        WeakReference<Class<?>> ran = stackTakenOnce(table);
        assertThat(ClassCopies.collected(ran)).as("the class, and its loader with it, collected").isTrue();
        assertThat(table.size()).as("the stack still known").isEqualTo(1);
    }

    private static WeakReference<Class<?>> stackTakenOnce(StackTable table) throws Exception {
        Class<?> deployed = ClassCopies.copyOf(Parks.class);
        java.lang.reflect.Constructor<?> make = deployed.getDeclaredConstructor();
        make.setAccessible(true);
        Thread thread = new Thread((Runnable) make.newInstance(), "deployed");
        thread.setDaemon(true);
        thread.start();
        ThreadInfo info;
        do {
            Thread.sleep(5);
            info = ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId(), 16);
        } while (info.getThreadState() != Thread.State.WAITING);
        List<String> stack = table.of(info.getStackTrace(), 16);
        assertThat(stack).anyMatch(frame -> frame.contains("StackTableTest$Parks.run("));
        thread.interrupt();
        thread.join();
        return new WeakReference<>(deployed);
    }

    /** Parks until interrupted. */
    static final class Parks implements Runnable {
        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.park();
            }
        }
    }
}
