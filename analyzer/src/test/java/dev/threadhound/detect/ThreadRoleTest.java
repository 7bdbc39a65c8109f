package dev.threadhound.detect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.threadhound.detect.ThreadBuilder.thread;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadRoleTest {

    @Test
    void agentThreadsAreTheAgents() {
        assertThat(ThreadRole.of(thread(1, "threadhound-loop").stack(Stacks.CONSUMER_TAKE).build()))
                .isEqualTo(ThreadRole.AGENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Attach Listener",
            "Notification Thread", "Service Thread", "process reaper", "JFR Recorder Thread", "JFR Periodic Tasks",
            "Monitor Ctrl-Break", "DestroyJavaVM", "Keep-Alive-Timer", "surefire-forkedjvm-command-thread",
            "surefire-forkedjvm-ping-30s", "RMI TCP Accept-0", "RMI Scheduler(0)", "InnocuousThread-3",
            "junit-jupiter-timeout-watcher", "C2 CompilerThread0", "Read-Poller", "VirtualThread-unparker",
            // prefixes that share a first character with another one
            "C1 CompilerThread0", "GC Thread#1", "G1 Refine#0", "Write-Poller", "junit-timeout-thread-1",
            "process reaper (pid 4242)", "last-ditch-daemon-shutdown-thread"})
    void jvmAndToolThreadsAreSystem(String name) {
        assertThat(ThreadRole.of(thread(1, name).stack(Stacks.CONSUMER_TAKE).build())).isEqualTo(ThreadRole.SYSTEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "Thread-0", "pipeline-stage-2", "JFRish", "RMIclient", "threadhound",
            "pool-1-thread-1", "GC-sweeper", "C3 worker", "", "\u00e9t\u00e9-worker"})
    void applicationNamesAreNotSystem(String name) {
        assertThat(ThreadRole.of(thread(1, name).stack(Stacks.CONSUMER_TAKE).build()))
                .isEqualTo(ThreadRole.APPLICATION);
    }

    @Test
    void workersWaitingForWorkAreIdle() {
        for (List<String> stack : List.of(Stacks.POOL_WORKER_IDLE_JDK17, Stacks.POOL_WORKER_IDLE_JDK25,
                Stacks.COMMON_POOL_IDLE_JDK17, Stacks.COMMON_POOL_IDLE_JDK25, Stacks.COMMON_POOL_IDLE_JDK11,
                Stacks.SCHEDULED_WORKER_BETWEEN_TICKS, Stacks.SCHEDULED_WORKER_NOTHING_SCHEDULED,
                Stacks.TIMER_IDLE_JDK25, Stacks.CLEANER_IDLE_JDK25, Stacks.HTTP_SERVER_DISPATCHER_IDLE,
                Stacks.VIRTUAL_ACCEPT, Stacks.JOINING)) {
            assertThat(ThreadRole.of(thread(1, "worker").stack(stack).build()))
                    .as("%s", stack.get(stack.size() - 2))
                    .isEqualTo(ThreadRole.IDLE);
        }
    }

    @Test
    void serversOwnPoolCopiesWaitingForWorkAreIdle() {
        List<String> tomcatIdle = List.of(
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base@17.0.15/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.base@17.0.15/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "org.apache.tomcat.util.threads.TaskQueue.take(TaskQueue.java:141)",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1114)",
                "org.apache.tomcat.util.threads.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1176)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");
        List<String> nettyIdle = List.of(
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base@17.0.15/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                "io.netty.util.concurrent.SingleThreadEventExecutor.takeTask(SingleThreadEventExecutor.java:256)",
                "io.netty.util.concurrent.DefaultEventExecutor.run(DefaultEventExecutor.java:64)",
                "java.base@17.0.15/java.lang.Thread.run(Thread.java:840)");
        assertThat(ThreadRole.of(thread(1, "http-nio-8080-exec-1").stack(tomcatIdle).build())).isEqualTo(ThreadRole.IDLE);
        assertThat(ThreadRole.of(thread(1, "defaultEventExecutorGroup-2-1").stack(nettyIdle).build())).isEqualTo(ThreadRole.IDLE);
    }

    @Test
    void workLoopsRunningABlockedTaskAreNotIdle() {
        assertThat(ThreadRole.of(thread(1, "ForkJoinPool-1-worker-1").stack(Stacks.FORK_JOIN_TASK_BLOCKED).build()))
                .isEqualTo(ThreadRole.APPLICATION);
        assertThat(ThreadRole.of(thread(1, "Timer-0").stack(Stacks.TIMER_TASK_BLOCKED).build()))
                .isEqualTo(ThreadRole.APPLICATION);
        assertThat(ThreadRole.of(thread(1, "pool-1-thread-1").stack(Stacks.WORKER_IN_FUTURE_GET).build()))
                .isEqualTo(ThreadRole.APPLICATION);
    }

    @Test
    void withoutAStackOnlyAnIdleBlockerSaysIdle() {
        assertThat(ThreadRole.of(thread(1, "ForkJoinPool.commonPool-worker-3")
                .blockedOn("java.util.concurrent.ForkJoinPool@6f1de4c7").build())).isEqualTo(ThreadRole.IDLE);
        assertThat(ThreadRole.of(thread(1, "worker")
                .blockedOn("java.util.concurrent.CountDownLatch$Sync@6f1de4c7").build()))
                .isEqualTo(ThreadRole.APPLICATION);
        assertThat(ThreadRole.of(thread(1, "worker").build())).isEqualTo(ThreadRole.APPLICATION);
    }
}
