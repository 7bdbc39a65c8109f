package dev.threadhound.model;

import java.util.List;

/** The part of a stack that says which call a thread is in: from its first frame outside the JDK down. */
final class Places {

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    private Places() {
    }

    /** The frames from the first one outside the JDK down to the bottom; empty when all are the JDK's or unknown. */
    static List<String> fromApplication(List<String> stack) {
        for (int i = 0; i < stack.size(); i++) {
            if (!jdk(stack.get(i))) {
                return stack.subList(i, stack.size());
            }
        }
        return List.of();
    }

    /**
     * The same call: the same frames, except that the innermost may be at another line of the same method (a
     * thread woken from {@code wait} is seen at its loop's condition).
     */
    static boolean sameCall(List<String> a, List<String> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            return a.equals(b);
        }
        return method(a.get(0)).equals(method(b.get(0))) && a.subList(1, a.size()).equals(b.subList(1, b.size()));
    }

    /**
     * Whether the stack's top is a sleep: {@code Thread.sleep}, and below it on newer JDKs {@code sleep0} or
     * {@code sleepNanos}; {@code TimeUnit.sleep} calls it.
     */
    static boolean sleeping(List<String> stack) {
        return !stack.isEmpty() && method(stack.get(0)).startsWith("java.lang.Thread.sleep");
    }

    /** {@code java.base/java.lang.Object.wait(Object.java:338)} and {@code java.lang.Object.wait(...)} alike. */
    static boolean jdk(String frame) {
        int paren = frame.indexOf('(');
        String head = paren >= 0 ? frame.substring(0, paren) : frame;
        String method = head.substring(head.lastIndexOf('/') + 1);
        return JDK.stream().anyMatch(method::startsWith);
    }

    /** {@code com.acme.Ring.find} of a frame: the method without loader, module, file or line. */
    static String method(String frame) {
        int paren = frame.indexOf('(');
        String head = paren >= 0 ? frame.substring(0, paren) : frame;
        return head.substring(head.lastIndexOf('/') + 1);
    }
}
