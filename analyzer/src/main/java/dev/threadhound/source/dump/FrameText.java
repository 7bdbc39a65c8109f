package dev.threadhound.source.dump;

/**
 * Frames as dumps print them, rewritten into {@code StackTraceElement.toString()} form so that a stack from a
 * dump reads (and compares) like one the agent captured: jstack's {@code Foo.bar(java.base@17.0.15/Foo.java:3)}
 * becomes {@code java.base/Foo.bar(Foo.java:3)}.
 */
final class FrameText {

    private FrameText() {
    }

    static String fromJstack(String frame) {
        int open = frame.indexOf('(');
        int slash = open < 0 ? -1 : frame.indexOf('/', open);
        if (open < 0 || slash < 0 || !frame.endsWith(")")) {
            return frame;
        }
        String module = frame.substring(open + 1, slash);
        int at = module.indexOf('@');
        // The JDK's own modules are shown without version, as StackTraceElement does.
        if (at >= 0 && isJdkModule(module.substring(0, at))) {
            module = module.substring(0, at);
        }
        return module + '/' + frame.substring(0, open + 1) + frame.substring(slash + 1);
    }

    static boolean isJdkModule(String module) {
        return module.startsWith("java.") || module.startsWith("jdk.");
    }
}
