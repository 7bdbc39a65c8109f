package dev.threadhound.samples.pipeline;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * {@code --bug=deadlock}: two transfers lock two accounts in opposite orders (ABBA). The barrier makes sure both
 * hold their first lock before either asks for its second, so the deadlock happens every run.
 */
final class Ledger {

    static final class Account {
        final String name;
        long balance = 100;

        Account(String name) {
            this.name = name;
        }
    }

    private final CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);

    void transfer(Account from, Account to, long amount) {
        synchronized (from) {
            awaitOther();
            synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    void startOppositeTransfers() {
        Account a = new Account("A");
        Account b = new Account("B");
        start("ledger-transfer-a-to-b", () -> transfer(a, b, 10));
        start("ledger-transfer-b-to-a", () -> transfer(b, a, 20));
    }

    private static void start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void awaitOther() {
        try {
            bothHoldTheirFirstLock.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
    }
}
