/**
 * A heap as the proof of a leak needs it: objects and the references between them, the roots that keep them
 * alive (static fields, JNI globals) and the threads with their stacks and the objects their frames hold. A heap
 * dump is read into it by {@code dev.threadhound.source.heap}; tests build one by hand.
 */
package dev.threadhound.model.heap;
