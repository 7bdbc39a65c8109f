package dev.threadhound.model;

import java.io.Serializable;

/**
 * One lock of the lock-order graph: a lock instance some thread took while it held another.
 *
 * @param id       the source's number for this lock instance, unique for the life of the JVM
 * @param identity {@code Class@hex} (the identity hash), the form thread dumps and {@code blockedOn} use
 * @param name     what the code that took it calls it: a field ({@code Ledger.accountA}), {@code Ledger.this},
 *                 {@code Ledger.class}, a local variable ({@code from in Ledger.transfer}); null when unknown
 */
public record LockRecord(long id, String identity, String name) implements Serializable {

    /** {@code Ledger.accountA (com.acme.Ledger$Account@1b6d3586)}, or the identity alone when the name is unknown. */
    public String label() {
        return name == null ? identity : name + " (" + identity + ")";
    }
}
