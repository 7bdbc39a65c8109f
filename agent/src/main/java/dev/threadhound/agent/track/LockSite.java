package dev.threadhound.agent.track;

/**
 * One instruction that takes or releases a lock in an application class: where it is and what the code calls the
 * lock it takes.
 *
 * @param className the class, dotted
 * @param method    the method
 * @param file      source file, or null
 * @param line      source line, or -1
 * @param lockName  {@code Ledger.accountA} (a field), {@code Ledger.this}, {@code Ledger.class}, {@code from in
 *                  Ledger.transfer} (a local variable), or null when the lock came from anywhere else
 * @param nameRank  how much the name says: 2 field, {@code this} or class, 1 local variable, 0 none
 */
public record LockSite(String className, String method, String file, int line, String lockName, int nameRank) {

    /** The site as a frame of a stack walk prints it, e.g. {@code com.acme.Ledger.transfer(Ledger.java:42)}. */
    public String frame() {
        return new StackTraceElement(className, method, file, line).toString();
    }

    /** Whether a frame of the current stack is in this site's method. */
    boolean in(StackTraceElement frame) {
        return frame.getClassName().equals(className) && frame.getMethodName().equals(method);
    }
}
