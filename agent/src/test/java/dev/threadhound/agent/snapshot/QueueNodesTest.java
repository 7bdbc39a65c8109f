package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.StampedLock;
import java.util.concurrent.locks.LockSupport;

import static dev.threadhound.agent.Waits.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which node of a lock's or condition's queue a parked thread waits in, read of real JDK queues. Platform threads
 * wait in them as virtual threads do, so this runs on every JDK.
 */
class QueueNodesTest {

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopThreads() {
        started.forEach(Thread::interrupt);
    }

    @Test
    void aConsumerWokenByAnItemWaitsInAnotherNodeOfTheSameCondition() throws Exception {
        assertThat(QueueNodes.readable()).isTrue();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread consumer = start(() -> {
            while (true) {
                queue.take();
            }
        });
        Object condition = awaitParked(consumer, null);
        QueueNodes nodes = new QueueNodes();

        nodes.beginScan();
        int first = nodes.nodeOf(condition, consumer, 0);
        assertThat(first).isNotZero();
        nodes.beginScan();
        assertThat(nodes.nodeOf(condition, consumer, first)).as("nothing came or went").isEqualTo(first);

        queue.put("item");
        // taken once it is woken; the next wait parks it again
        until(queue::isEmpty);
        awaitParked(consumer, condition);
        nodes.beginScan();
        int second = nodes.nodeOf(condition, consumer, first);
        assertThat(second).as("parked again at the same line, on the same condition").isNotZero().isNotEqualTo(first);
    }

    @Test
    void aConsumerOfATransferQueueWokenByAnItemWaitsInAnotherNode() throws Exception {
        // from JDK 21 on a SynchronousQueue's transferer is such a queue too
        LinkedTransferQueue<String> queue = new LinkedTransferQueue<>();
        AtomicInteger taken = new AtomicInteger();
        Thread consumer = start(() -> {
            while (true) {
                queue.take();
                taken.incrementAndGet();
            }
        });
        Object blocker = awaitParked(consumer, null);
        assertThat(blocker).isSameAs(queue);
        QueueNodes nodes = new QueueNodes();
        nodes.beginScan();
        int first = nodes.nodeOf(queue, consumer, 0);
        assertThat(first).isNotZero();

        queue.put("item");
        until(() -> taken.get() == 1);
        awaitParked(consumer, queue);
        nodes.beginScan();
        assertThat(nodes.nodeOf(queue, consumer, first)).isNotZero().isNotEqualTo(first);
    }

    @Test
    void aWriterOfAStampedLockWaitingAgainForItWaitsInAnotherNode() throws Exception {
        StampedLock lock = new StampedLock();
        long held = lock.writeLock();
        AtomicInteger turns = new AtomicInteger();
        Thread writer = start(() -> {
            while (true) {
                lock.unlockWrite(lock.writeLock());
                turns.incrementAndGet();
            }
        });
        assertThat(awaitParked(writer, null)).isSameAs(lock);
        QueueNodes nodes = new QueueNodes();
        nodes.beginScan();
        int first = nodes.nodeOf(lock, writer, 0);
        assertThat(first).isNotZero();

        // its turn, then it queues again behind the lock taken back at once
        lock.unlockWrite(held);
        until(() -> turns.get() > 0);
        held = lock.writeLock();
        awaitParked(writer, lock);
        nodes.beginScan();
        assertThat(nodes.nodeOf(lock, writer, first)).as("waiting anew for the same lock").isNotZero().isNotEqualTo(first);
        lock.unlockWrite(held);
    }

    @Test
    void threadsParkedOnALatchKeepTheirNodesAsOthersCome() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread a = start(never::await);
        Object sync = awaitParked(a, null);
        Thread b = start(never::await);
        awaitParked(b, sync);
        QueueNodes nodes = new QueueNodes();
        nodes.beginScan();
        int nodeA = nodes.nodeOf(sync, a, 0);
        int nodeB = nodes.nodeOf(sync, b, 0);
        assertThat(nodeA).isNotZero().isNotEqualTo(nodeB);
        assertThat(nodeB).isNotZero();

        Thread c = start(never::await);
        awaitParked(c, sync);
        nodes.beginScan();
        assertThat(nodes.nodeOf(sync, a, nodeA)).isEqualTo(nodeA);
        assertThat(nodes.nodeOf(sync, b, nodeB)).isEqualTo(nodeB);
        assertThat(nodes.nodeOf(sync, c, 0)).isNotZero().isNotIn(nodeA, nodeB);
    }

    @Test
    void aThreadBeyondTheNodesReadKeepsTheNodeItWasLastFoundIn() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Thread oldest = start(never::await);
        Object sync = awaitParked(oldest, null);
        Thread next = start(never::await);
        awaitParked(next, sync);
        Thread newest = start(never::await);
        awaitParked(newest, sync);

        QueueNodes two = new QueueNodes(2, 100);
        two.beginScan();
        assertThat(two.nodeOf(sync, newest, 0)).isNotZero();
        assertThat(two.nodeOf(sync, next, 0)).isNotZero();
        assertThat(two.nodeOf(sync, oldest, 0)).as("read from the end new waits come in at, two at most").isZero();
        assertThat(two.nodeOf(sync, oldest, 12345)).isEqualTo(12345);
    }

    @Test
    void aBlockerWithoutAQueueOfNodesHasNone() throws Exception {
        FutureTask<String> never = new FutureTask<>(() -> "never run");
        Thread waiter = start(never::get);
        Object blocker = awaitParked(waiter, null);
        assertThat(blocker).isSameAs(never);
        QueueNodes nodes = new QueueNodes();
        nodes.beginScan();
        assertThat(nodes.nodeOf(blocker, waiter, 0)).isZero();
        assertThat(nodes.nodeOf(null, waiter, 0)).isZero();
    }

    private interface Body {
        void run() throws Exception;
    }

    private Thread start(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "queue-nodes-" + started.size());
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    /** Waits until {@code t} is parked ({@code on}, when not null) and returns what it is parked on. */
    private static Object awaitParked(Thread t, Object on) throws InterruptedException {
        until(() -> t.getState() == Thread.State.WAITING && LockSupport.getBlocker(t) != null
                && (on == null || LockSupport.getBlocker(t) == on));
        return LockSupport.getBlocker(t);
    }
}
