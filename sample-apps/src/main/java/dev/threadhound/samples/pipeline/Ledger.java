package dev.threadhound.samples.pipeline;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * {@code --bug=deadlock}: two transfers lock two accounts in opposite orders (ABBA). The barrier makes sure both
 * hold their first lock before either asks for its second, so the deadlock happens every run; an audit of one
 * account then blocks behind the deadlock.
 */
final class Ledger {

    static final class Account {
        final String name;
        long balance = 100;

        Account(String name) {
            this.name = name;
        }
    }

    /** Both transfers and the audit: the transfers hold their first lock when it trips. */
    private final CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(3);

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
        // once both hold their first lock, an audit of A waits behind the deadlock for good
        start("ledger-audit", () -> {
            awaitOther();
            audit(a);
        });
    }

    private static long audit(Account account) {
        synchronized (account) {
            return account.balance;
        }
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
