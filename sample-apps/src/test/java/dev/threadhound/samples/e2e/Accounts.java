package dev.threadhound.samples.e2e;

/**
 * Two accounts a transfer locks in one order and a refund in the other: a lock-order cycle as tests close it, on the
 * test's own thread, without ever blocking. Application code as the agent sees it (threadhound's own packages are
 * never rewritten, so it cannot live beside the JUnit fixtures).
 */
public final class Accounts {

    private final Object checking = new Object();
    private final Object savings = new Object();
    private long balance;

    public void transfer(long amount) {
        synchronized (checking) {
            synchronized (savings) {
                balance += amount;
            }
        }
    }

    public void refund(long amount) {
        synchronized (savings) {
            synchronized (checking) {
                balance -= amount;
            }
        }
    }
}
