package dev.threadhound.agent.instrument;

/**
 * What the code calls the lock an instruction takes, from the instruction that loaded it: a field
 * ({@code Ledger.accountA}), {@code Ledger.this}, a class literal ({@code Ledger.class}), or a local variable, whose
 * name the method's local variable table gives once the method has been read. Made for every load the rewrite
 * passes, so it keeps its parts and spells the name out only for a lock instruction's site.
 *
 * @param owner  internal name of the class the field, {@code this} or the literal belongs to; null for a local
 * @param member the field's name, {@code this} or {@code class}; null for a local
 * @param local  the local variable's slot, or -1
 * @param rank   2 field, {@code this} or class literal, 1 local variable, 0 nothing
 */
record LockName(String owner, String member, int local, int rank) {

    static final LockName NONE = new LockName(null, null, -1, 0);

    static LockName field(String owner, String field) {
        return new LockName(owner, field, -1, 2);
    }

    static LockName self(String owner) {
        return new LockName(owner, "this", -1, 2);
    }

    static LockName classLiteral(String internalName) {
        return new LockName(internalName, "class", -1, 2);
    }

    static LockName local(int slot) {
        return new LockName(null, null, slot, 1);
    }

    /** {@code Ledger.accountA}; null for a local variable or nothing. */
    String text() {
        return owner == null ? null : simple(owner) + '.' + member;
    }

    /** A local variable named from the method's local variable table: {@code from in Ledger.transfer}. */
    static String variable(String variable, String methodOwner, String method) {
        return variable + " in " + simple(methodOwner) + '.' + method;
    }

    /** {@code Ledger$Account} for {@code com/acme/Ledger$Account}. */
    static String simple(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
