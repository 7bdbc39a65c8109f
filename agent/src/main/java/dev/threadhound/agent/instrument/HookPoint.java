package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One place in a JDK method where a call to the bootstrap bridge goes: at entry, or before each normal return, of
 * the methods a rule matches, passing {@code this}, arguments or the current thread to a {@link Hooks} method.
 *
 * @param methods   method names the rule matches
 * @param argCounts argument counts it matches; empty for any
 * @param exit      before each return rather than at entry
 * @param hook      the {@link Hooks} method called, e.g. {@code taskExecuted}
 * @param passed    what is passed to it, in order
 */
record HookPoint(Set<String> methods, Set<Integer> argCounts, boolean exit, String hook, List<Value> passed) {

    /**
     * What the inserted code loads for the hook's parameters; {@code RETURNED}, at an exit, is the value the method
     * returns there (a {@code long} or a {@code boolean}), passed alone.
     */
    enum Value { THIS, ARG_0, ARG_1, CURRENT_THREAD, RETURNED }

    static HookPoint atEntry(String hook, Set<String> methods, Set<Integer> argCounts, Value... passed) {
        return new HookPoint(methods, argCounts, false, hook, List.of(passed));
    }

    static HookPoint atExit(String hook, Set<String> methods, Set<Integer> argCounts, Value... passed) {
        return new HookPoint(methods, argCounts, true, hook, List.of(passed));
    }

    /**
     * Whether this rule applies to a method; a static one, or one whose passed arguments are not objects, is left
     * alone.
     */
    boolean matches(int access, String name, String descriptor) {
        if (!methods.contains(name) || (access & Opcodes.ACC_STATIC) != 0) {
            return false;
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        if (!argCounts.isEmpty() && !argCounts.contains(args.length)) {
            return false;
        }
        int returned = Type.getReturnType(descriptor).getSort();
        if (passed.contains(Value.RETURNED) && (!exit || (returned != Type.LONG && returned != Type.BOOLEAN))) {
            return false;
        }
        for (Value v : passed) {
            int index = v == Value.ARG_0 ? 0 : v == Value.ARG_1 ? 1 : -1;
            if (index >= 0 && (index >= args.length || args[index].getSort() < Type.ARRAY)) {
                return false;
            }
        }
        return true;
    }

    /** The descriptor of the {@link Hooks} method, taken from the class itself so the two cannot disagree. */
    String hookDescriptor() {
        return Arrays.stream(Hooks.class.getMethods())
                .filter(m -> m.getName().equals(hook) && Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == passed.size())
                .map(Type::getMethodDescriptor)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no bridge method " + hook + " for " + passed));
    }

    static String bridge() {
        return Type.getInternalName(Hooks.class);
    }
}
