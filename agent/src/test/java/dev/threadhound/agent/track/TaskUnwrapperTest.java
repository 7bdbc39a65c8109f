package dev.threadhound.agent.track;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Periodic tasks are told apart by the work inside a library's decorators. */
class TaskUnwrapperTest {

    /** As Hazelcast's {@code DelegateAndSkipOnConcurrentExecutionDecorator}: a task holding the job it runs. */
    static final class SkipWhileRunning implements Runnable {
        private final Runnable job;

        SkipWhileRunning(Runnable job) {
            this.job = job;
        }

        /** What it hands to the scheduler: an inner class, whose outer instance is a task too. */
        Runnable delegate() {
            return new Delegate(job);
        }

        @Override
        public void run() {
            job.run();
        }

        final class Delegate implements Runnable {
            private final Runnable runnable;

            Delegate(Runnable runnable) {
                this.runnable = runnable;
            }

            @Override
            public void run() {
                runnable.run();
            }
        }
    }

    static final class PartitionCheck implements Runnable {
        @Override
        public void run() {
        }
    }

    static final class TwoTasks implements Runnable {
        private final Runnable first = new PartitionCheck();
        private final Runnable second = new PartitionCheck();

        @Override
        public void run() {
            first.run();
            second.run();
        }
    }

    private final TaskUnwrapper unwrapper = new TaskUnwrapper();

    @Test
    void theJobInsideADecoratorsInnerClassIsFoundPastTheReferenceToItsOuterInstance() {
        Runnable scheduled = new SkipWhileRunning(new PartitionCheck()).delegate();

        assertThat(unwrapper.innerWorkClass(scheduled)).isEqualTo(PartitionCheck.class);
        assertThat(unwrapper.workClass(scheduled)).as("the JDK's wrappers only").isEqualTo(SkipWhileRunning.Delegate.class);
    }

    @Test
    void aClassHoldingSeveralTasksIsTheWorkItself() {
        assertThat(unwrapper.innerWorkClass(new TwoTasks())).isEqualTo(TwoTasks.class);
    }
}
