package dev.threadhound.agent.track;

import java.lang.ref.WeakReference;

/**
 * The class a start hook asked of last, with its answer: most starts are of the class the one before was, and the
 * answer then needs no class value's lookup nor a look into the task. Immutable, written racily a whole answer at a
 * time; the class weakly held, so that an application undeployed from its server after its last virtual thread
 * started is not kept loaded for the agent's sake.
 */
final class ClassMemo<V> extends WeakReference<Class<?>> {

    private final V answer;

    ClassMemo(Class<?> type, V answer) {
        super(type);
        this.answer = answer;
    }

    /** The answer, when {@code type} is the class it is for; else null. */
    V answerFor(Class<?> type) {
        return get() == type ? answer : null;
    }
}
