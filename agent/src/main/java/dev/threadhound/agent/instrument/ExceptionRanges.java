package dev.threadhound.agent.instrument;

import org.objectweb.asm.Label;

import java.util.ArrayList;
import java.util.List;

/**
 * Which of a method's exception ranges the code being rewritten is inside, as far as the rewrite needs to know:
 * the range, if any, that covers its own handler. javac covers the {@code monitorexit} of a synchronized block's
 * exceptional exit with the block's own handler, so that the monitor is released whatever happens; HotSpot's C1
 * accepts that because {@code monitorexit} there cannot throw, but gives up on the whole method when a call (which
 * can) is covered too. So the release of that monitor is told to the bridge just after the range instead.
 */
final class ExceptionRanges {

    private static final class Range {
        final Label start;
        final Label end;
        final Label handler;
        boolean open;
        boolean coversItsHandler;

        Range(Label start, Label end, Label handler) {
            this.start = start;
            this.end = end;
            this.handler = handler;
        }
    }

    private final List<Range> ranges = new ArrayList<>();

    void add(Label start, Label end, Label handler) {
        ranges.add(new Range(start, end, handler));
    }

    /** The code has reached {@code label}. */
    void reached(Label label) {
        for (Range r : ranges) {
            if (label == r.start) {
                r.open = true;
            }
            if (label == r.handler && r.open) {
                r.coversItsHandler = true;
            }
            if (label == r.end) {
                r.open = false;
            }
        }
    }

    /** The end of the open range that covers its own handler, or null when the code is in none. */
    Label selfCoveringEnd() {
        for (int i = ranges.size() - 1; i >= 0; i--) {
            Range r = ranges.get(i);
            if (r.open && r.coversItsHandler) {
                return r.end;
            }
        }
        return null;
    }
}
