package dev.threadhound.model.heap;

/**
 * A root that is not a thread's stack.
 *
 * @param node the object the root holds
 * @param name what a person calls it: {@code RareEvents.AUDIT} for a static field, {@code JNI global} for a JNI
 *             global reference
 */
public record HeapRoot(int node, String name) {
}
