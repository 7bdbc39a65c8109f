package dev.threadhound.agent.track;

import java.util.Arrays;
import java.util.List;

/**
 * A place in the code that starts threads, shared by every thread started there: a hundred thousand virtual threads
 * started by one loop hold one site, not a hundred thousand copies of its frames. Immutable; the frames as text are
 * made once, on first use.
 */
public final class CreationSite {

    /** Where a thread was started when nobody walked its starter's stack (the agent's own threads). */
    static final CreationSite UNKNOWN = new CreationSite(new StackTraceElement[0]);

    private final StackTraceElement[] frames;
    private final int hash;
    private volatile List<String> text;

    CreationSite(StackTraceElement[] frames) {
        this.frames = frames;
        this.hash = Arrays.hashCode(frames);
    }

    StackTraceElement[] frames() {
        return frames;
    }

    /** The frames in {@code StackTraceElement.toString()} form, made once per site. */
    public List<String> text() {
        List<String> t = text;
        if (t == null) {
            t = List.copyOf(Sites.frames(frames));
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreationSite other && hash == other.hash && Arrays.equals(frames, other.frames);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
