package dev.threadhound.prove;

import dev.threadhound.detect.Frames;

import java.util.ArrayList;
import java.util.List;

/** How a reference chain reads: short class names, and the two ends of a long one. */
final class Chains {

    private Chains() {
    }

    /** {@code AbstractQueuedSynchronizer$ConditionObject}; a lambda's class without its address. */
    static String simpleName(String className) {
        if (className == null) {
            return "?";
        }
        String name = className;
        int hidden = name.indexOf("/0x");
        if (hidden < 0) {
            hidden = name.indexOf("+0x");
        }
        if (hidden >= 0) {
            name = name.substring(0, hidden);
        }
        return name.substring(name.lastIndexOf('.') + 1);
    }

    static String shortFrame(String frame) {
        return Frames.shortFrame(frame);
    }

    /** At most {@code max} steps: the first ones (the root and what it holds) and the last ones (the wait). */
    static List<String> shorten(List<String> steps, int max) {
        if (steps.size() <= max) {
            return steps;
        }
        int head = max / 2;
        int tail = max - head - 1;
        List<String> out = new ArrayList<>(steps.subList(0, head));
        out.add("... " + (steps.size() - head - tail) + " more ...");
        out.addAll(steps.subList(steps.size() - tail, steps.size()));
        return out;
    }
}
