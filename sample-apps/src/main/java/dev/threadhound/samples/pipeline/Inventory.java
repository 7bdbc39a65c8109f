package dev.threadhound.samples.pipeline;

import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code --bug=lock-order}: two stages share the stock (a monitor) and the order book (a {@code ReentrantLock}) and
 * take them in opposite orders: restocking takes the stock, then the order book; billing takes the order book, then
 * the stock. Here they take turns, 200 ms apart, each holding the locks for microseconds, so this run never
 * deadlocks; nothing else keeps them apart, and the day both run at once (a slow restock, a burst of orders), both
 * block for good.
 */
final class Inventory {

    private static final long TURN_MILLIS = 200;

    private final Object stock = new Object();
    private final ReentrantLock orders = new ReentrantLock();
    private long units = 100;
    private long billed;

    /** Adds units and books them against open orders: the stock, then the order book. */
    void restock(long count) {
        synchronized (stock) {
            units += count;
            orders.lock();
            try {
                billed -= Math.min(billed, count);
            } finally {
                orders.unlock();
            }
        }
    }

    /** Bills an order and takes its units from the stock: the order book, then the stock. */
    void bill(long count) {
        orders.lock();
        try {
            billed += count;
            synchronized (stock) {
                units -= Math.min(units, count);
            }
        } finally {
            orders.unlock();
        }
    }

    void start(long endMillis) {
        Semaphore restockTurn = new Semaphore(1);
        Semaphore billingTurn = new Semaphore(0);
        PipelineWorkload.daemon("pipeline-restock", () -> turns(restockTurn, billingTurn, endMillis, () -> restock(5)));
        PipelineWorkload.daemon("pipeline-billing", () -> turns(billingTurn, restockTurn, endMillis, () -> bill(3)));
    }

    /** Runs {@code step} on each of its turns until {@code endMillis}, then hands the turn over. */
    private static void turns(Semaphore mine, Semaphore theirs, long endMillis, Runnable step) {
        while (System.currentTimeMillis() < endMillis) {
            try {
                mine.acquire();
                Thread.sleep(TURN_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            step.run();
            theirs.release();
        }
    }
}
