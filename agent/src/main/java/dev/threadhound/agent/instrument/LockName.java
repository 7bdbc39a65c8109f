package dev.threadhound.agent.instrument;

/**
 * What the code calls the lock an instruction takes, from the instruction that loaded it: a field
 * ({@code Ledger.accountA}), {@code Ledger.this}, a class literal ({@code Ledger.class}), or a local variable, whose
 * name the method's local variable table gives once the method has been read.
 *
 * @param text  the name, or null for a local variable not yet named or when nothing is known
 * @param local the local variable's slot, or -1
 * @param rank  2 field, {@code this} or class literal, 1 local variable, 0 nothing
 */
record LockName(String text, int local, int rank) {

    static final LockName NONE = new LockName(null, -1, 0);

    static LockName field(String owner, String field) {
        return new LockName(simple(owner) + '.' + field, -1, 2);
    }

    static LockName self(String owner) {
        return new LockName(simple(owner) + ".this", -1, 2);
    }

    static LockName classLiteral(String internalName) {
        return new LockName(simple(internalName) + ".class", -1, 2);
    }

    static LockName local(int slot) {
        return new LockName(null, slot, 1);
    }

    /** A local variable named from the method's local variable table: {@code from in Ledger.transfer}. */
    LockName named(String variable, String owner, String method) {
        return variable == null ? NONE : new LockName(variable + " in " + simple(owner) + '.' + method, -1, 1);
    }

    /** {@code Ledger$Account} for {@code com/acme/Ledger$Account}. */
    static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
