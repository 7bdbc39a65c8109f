package dev.threadhound.agent.track;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The class of work a virtual thread was started with, read out of the thread: the work itself, the work inside a
 * library's decorator or the JDK's future, none for the JDK's own. Asked in turns, as starts of several classes come
 * in a server: the answer kept for the class asked last must never be given for another. JDK 21 on (the
 * {@code virtual-threads} group runs on JDK 25 in {@code mvn verify}).
 */
@Tag("virtual-threads")
class VirtualTasksTest {

    private final VirtualTasks tasks = new VirtualTasks();

    @Test
    void eachThreadIsNamedByItsOwnWorkWhateverWasAskedBefore() throws Exception {
        for (int round = 0; round < 3; round++) {
            assertThat(tasks.workClass(unstarted(new Handler()))).isEqualTo(Handler.class);
            assertThat(tasks.workClass(unstarted(new Retrying(new Handler()))))
                    .as("the work inside a decorator").isEqualTo(Handler.class);
            assertThat(tasks.workClass(unstarted(new Retrying(new Report()))))
                    .as("the same decorator around other work").isEqualTo(Report.class);
            assertThat(tasks.workClass(unstarted(new FutureTask<>(new Query()))))
                    .as("the work inside the JDK's future").isEqualTo(Query.class);
            assertThat(tasks.workClass(unstarted(new FutureTask<>(new Report(), null))))
                    .as("the work inside the JDK's future and adapter").isEqualTo(Report.class);
            assertThat(tasks.workClass(unstarted(new Report()))).isEqualTo(Report.class);
            assertThat(tasks.workClass(unstarted(new Thread()))).as("the JDK's own: no answer").isNull();
        }
    }

    /** The class of work asked last is remembered, but not kept loaded: an undeployed application's work is let go. */
    @Test
    void theLastClassOfWorkIsNotKeptLoaded() throws Exception {
        WeakReference<Class<?>> asked = askedOfOnce();
        assertThat(ClassCopies.collected(asked)).as("the class, and its loader with it, collected").isTrue();
        assertThat(tasks.workClass(unstarted(new Handler()))).isEqualTo(Handler.class);
    }

    private WeakReference<Class<?>> askedOfOnce() throws Exception {
        Class<?> deployed = ClassCopies.copyOf(Handler.class);
        java.lang.reflect.Constructor<?> make = deployed.getDeclaredConstructor();
        make.setAccessible(true);
        Runnable work = (Runnable) make.newInstance();
        assertThat(tasks.workClass(unstarted(work))).isSameAs(deployed);
        assertThat(tasks.workClass(unstarted(work))).as("from the memo").isSameAs(deployed);
        return new WeakReference<>(deployed);
    }

    private static Thread unstarted(Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                .invoke(builder, task);
    }

    static final class Handler implements Runnable {
        @Override
        public void run() {
        }
    }

    static final class Report implements Runnable {
        @Override
        public void run() {
        }
    }

    static final class Query implements Callable<Integer> {
        @Override
        public Integer call() {
            return 1;
        }
    }

    /** A library's decorator: its one task field is the work it runs. */
    static final class Retrying implements Runnable {
        private final Runnable task;

        Retrying(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            task.run();
        }
    }
}
