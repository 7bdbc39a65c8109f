package dev.threadhound.samples.virtualserver;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves money between two accounts, each behind its own lock, taking the payer's first and checking with the backend
 * while holding it: two requests in opposite directions at once deadlock, and every later request waits behind them.
 * Each account is locked with its {@code ReentrantLock}, or with {@code synchronized} on the account (from JDK 24 a
 * virtual thread blocked on a monitor unmounts). The JDK's {@code ThreadMXBean} sees neither virtual thread's lock
 * nor its owner, so {@code findDeadlockedThreads} finds nothing.
 */
final class TransferHandler implements Handler {

    /** Backend checks made while holding the payer's lock: longer than the time between two requests. */
    static final int CHECKS = 4;

    private final Account checking = new Account();
    private final Account savings = new Account();
    private final boolean monitors;

    TransferHandler(boolean monitors) {
        this.monitors = monitors;
    }

    @Override
    public void handle(long request) {
        Account from = request % 2 == 0 ? checking : savings;
        Account to = request % 2 == 0 ? savings : checking;
        if (monitors) {
            transferSynchronized(from, to);
        } else {
            transfer(from, to);
        }
    }

    private static void transferSynchronized(Account from, Account to) {
        synchronized (from) {
            for (int i = 0; i < CHECKS; i++) {
                Backend.call();
            }
            synchronized (to) {
                from.balance--;
                to.balance++;
            }
        }
    }

    private static void transfer(Account from, Account to) {
        from.lock.lock();
        try {
            for (int i = 0; i < CHECKS; i++) {
                Backend.call();
            }
            to.lock.lock();
            try {
                from.balance--;
                to.balance++;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    private static final class Account {
        final ReentrantLock lock = new ReentrantLock();
        long balance = 1_000;
    }
}
