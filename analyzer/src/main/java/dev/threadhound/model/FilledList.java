package dev.threadhound.model;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * A list its maker fills once and nobody changes after, which a {@link Snapshot} keeps as it is: {@code List.copyOf}
 * copies a list it did not make twice (into an array, then that array again), and at ten thousand threads the copies
 * of a cycle's thread lists were a fourth of what the cycle allocated. No nulls, like {@code List.copyOf}.
 *
 * <p>Held in chunks of {@value #CHUNK}: a list filled like an earlier one ({@link #fillerLike}) shares each chunk
 * that holds the very same elements at the same positions, so a JVM whose threads mostly stay put makes new chunks
 * only where a thread changed, not a new list of ten thousand each cycle.
 */
public final class FilledList<E> extends AbstractList<E> implements RandomAccess, Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHIFT = 6;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** Never written once the list is made; shared with lists filled like this one. */
    private final Object[][] chunks;
    private final int size;
    /** What {@link #derived} worked out of the list last; it never changes, as the list does not. */
    private transient volatile Object derived;

    private FilledList(Object[][] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** A list of about {@code expected} elements to fill; it grows past that if need be. */
    public static <E> Filler<E> filler(int expected) {
        return new Filler<>(expected, null);
    }

    /**
     * A list to fill that shares with {@code earlier} (when that is a filled list) each chunk it fills with the same
     * elements, by identity, at the same positions.
     */
    public static <E> Filler<E> fillerLike(List<E> earlier, int expected) {
        return new Filler<>(expected, earlier instanceof FilledList<E> filled ? filled : null);
    }

    /** {@code list} itself when it is one, else a copy. */
    public static <E> List<E> of(List<E> list) {
        return list instanceof FilledList<E> filled ? filled : List.copyOf(list);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, size);
        return (E) chunks[index >>> SHIFT][index & MASK];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * What {@code make} works out of this list, made once and kept with it: the detectors of one cycle each want a
     * few of ten thousand records (those that run, those that wait for an owner), and each pass over all of them reads
     * them out of memory again. One kind of thing is kept at a time; another kind asked for replaces it.
     */
    public <T> T derived(Class<T> kind, Function<? super FilledList<E>, ? extends T> make) {
        Object kept = derived;
        if (kind.isInstance(kept)) {
            return kind.cast(kept);
        }
        T made = make.apply(this);
        derived = made;
        return made;
    }

    /** Fills one list; once {@link #list()} has been made, adds are refused. */
    public static final class Filler<E> {

        private final Object[][] earlier;
        private Object[][] chunks;
        /** The chunk being filled when it is a new one; null while it is {@link #earlier}'s so far. */
        private Object[] chunk;
        private int size;
        private boolean made;

        private Filler(int expected, FilledList<E> earlier) {
            this.earlier = earlier != null ? earlier.chunks : new Object[0][];
            this.chunks = new Object[Math.max(1, (expected + MASK) >>> SHIFT)][];
        }

        public void add(E element) {
            Objects.requireNonNull(element);
            if (made) {
                throw new IllegalStateException("the list is made: it no longer changes");
            }
            int k = size >>> SHIFT;
            int at = size & MASK;
            if (at == 0) {
                if (k == chunks.length) {
                    chunks = Arrays.copyOf(chunks, k * 2);
                }
                chunk = null;
            }
            if (chunk == null) {
                Object[] same = k < earlier.length ? earlier[k] : null;
                if (same != null && same[at] == element) {
                    chunks[k] = same;
                    size++;
                    return;
                }
                // a chunk of the earlier list is never written: this one starts as a copy of what matched
                chunk = same != null ? Arrays.copyOf(same, CHUNK) : new Object[CHUNK];
                Arrays.fill(chunk, at, CHUNK, null);
                chunks[k] = chunk;
            }
            chunk[at] = element;
            size++;
        }

        public int size() {
            return size;
        }

        /** An element already added. */
        @SuppressWarnings("unchecked")
        public E get(int index) {
            Objects.checkIndex(index, size);
            return (E) chunks[index >>> SHIFT][index & MASK];
        }

        /** The list as filled; adds are refused from then on. */
        public FilledList<E> list() {
            made = true;
            return new FilledList<>(chunks, size);
        }
    }
}
