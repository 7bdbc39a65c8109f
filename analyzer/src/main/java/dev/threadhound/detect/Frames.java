package dev.threadhound.detect;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Reads frames in {@code StackTraceElement.toString()} form, with or without the class-loader and module prefix
 * ({@code app//}, {@code java.base@17.0.15/}), and names sites the way findings show them.
 */
public final class Frames {

    /**
     * The JDK and threadhound's own agent and analyzer. Other {@code dev.threadhound.} packages (the sample
     * workloads) are applications like any other.
     */
    private static final List<String> PLATFORM_PACKAGES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.threadhound.agent.", "dev.threadhound.shaded.", "dev.threadhound.model.",
            "dev.threadhound.finding.", "dev.threadhound.detect.", "dev.threadhound.report.",
            "dev.threadhound.source.", "dev.threadhound.cli.", "dev.threadhound.junit.");

    /**
     * Classes and methods a thread passes through while it waits, whatever it waits for; the method called above them
     * says what the wait is.
     */
    private static final List<String> WAITING_MEANS = List.of("jdk.internal.misc.Unsafe.", "sun.misc.Unsafe.",
            "java.util.concurrent.locks.LockSupport.", "java.util.concurrent.locks.AbstractQueuedSynchronizer",
            "java.util.concurrent.locks.AbstractQueuedLongSynchronizer", "java.lang.Object.wait",
            "java.util.concurrent.ForkJoinPool.managedBlock", "java.util.concurrent.ForkJoinPool.unmanagedBlock",
            "java.lang.VirtualThread.", "jdk.internal.misc.VirtualThreads.");

    private static final List<String> TEST_FRAMEWORKS = List.of("org.junit.", "junit.framework.", "junit.runner.",
            "org.apache.maven.surefire.", "org.gradle.", "org.testng.", "com.intellij.rt.");

    private Frames() {
    }

    /** {@code java.util.concurrent.ThreadPoolExecutor.getTask}: the frame without prefix, source file or line. */
    public static String method(String frame) {
        String head = frame.substring(0, methodEnd(frame));
        // A hidden class (a lambda) is named Foo$$Lambda/0x0000abcd; drop that suffix first, since apart from
        // it a class name never contains '/' and everything up to the last one is the loader and module.
        int hidden = head.indexOf("/0x");
        if (hidden >= 0) {
            int end = head.indexOf('.', hidden);
            head = head.substring(0, hidden) + (end >= 0 ? head.substring(end) : "");
        }
        return head.substring(head.lastIndexOf('/') + 1);
    }

    /** The declaring class of a frame, e.g. {@code java.util.concurrent.ThreadPoolExecutor}. */
    public static String className(String frame) {
        String method = method(frame);
        int dot = method.lastIndexOf('.');
        return dot >= 0 ? method.substring(0, dot) : method;
    }

    /** The method name alone, e.g. {@code getTask}. */
    public static String methodName(String frame) {
        String method = method(frame);
        return method.substring(method.lastIndexOf('.') + 1);
    }

    /** Whether the frame is {@code className.methodName}, whatever its module prefix and line. */
    public static boolean is(String frame, String className, String methodName) {
        int start = methodStart(frame);
        if (start < 0) {
            return method(frame).equals(className + '.' + methodName);
        }
        int end = methodEnd(frame);
        int dot = start + className.length();
        return end - start == className.length() + 1 + methodName.length() && frame.startsWith(className, start)
                && frame.charAt(dot) == '.' && frame.startsWith(methodName, dot + 1);
    }

    /** Whether the frame is the code that runs tests, whose caller of a test is never where anything happened. */
    public static boolean testFramework(String frame) {
        String method = method(frame);
        return TEST_FRAMEWORKS.stream().anyMatch(method::startsWith);
    }

    /** Code of the JDK or of threadhound itself, rather than of the application. */
    public static boolean platform(String frame) {
        // read in place, as method(frame) would name it: every stack a cycle judges passes here, frame by frame
        int start = methodStart(frame);
        if (start < 0) {
            String method = method(frame);
            return startsWithAny(method, 0, PLATFORM_PACKAGES);
        }
        return startsWithAny(frame, start, PLATFORM_PACKAGES);
    }

    private static boolean startsWithAny(String text, int from, List<String> prefixes) {
        for (int i = 0; i < prefixes.size(); i++) {
            if (text.startsWith(prefixes.get(i), from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where {@link #method} would begin in {@code frame} when it is that frame's text unchanged up to its
     * parenthesis; -1 for a hidden class's frame, whose name {@link #method} rewrites.
     */
    private static int methodStart(String frame) {
        int end = methodEnd(frame);
        int hidden = frame.indexOf("/0x");
        if (hidden >= 0 && hidden < end) {
            return -1;
        }
        return frame.lastIndexOf('/', end - 1) + 1;
    }

    /** Where the frame's method name ends: at its parenthesis, or at its end when it has none. */
    private static int methodEnd(String frame) {
        int paren = frame.indexOf('(');
        return paren >= 0 ? paren : frame.length();
    }

    /**
     * Whether a frame's {@code class.method} starts with one of {@code prefixes}: the users' {@code ignore} lists (the
     * agent's option, the JUnit check's {@code ignoreCreatedAt}). No frames match nothing.
     */
    public static boolean anyStartsWith(List<String> frames, Collection<String> prefixes) {
        if (frames == null || prefixes.isEmpty()) {
            return false;
        }
        for (String frame : frames) {
            String method = method(frame);
            for (String prefix : prefixes) {
                if (method.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Generated glue (lambda and method-handle classes) that says nothing about where the code is. */
    public static boolean synthetic(String frame) {
        int start = methodStart(frame);
        if (start < 0) {
            String method = method(frame);
            return method.contains("$$Lambda") || method.contains("LambdaForm$");
        }
        int end = methodEnd(frame);
        return within(frame, "$$Lambda", start, end) || within(frame, "LambdaForm$", start, end);
    }

    private static boolean within(String text, String part, int from, int end) {
        int at = text.indexOf(part, from);
        return at >= 0 && at + part.length() <= end;
    }

    /** Index of the first frame that belongs to the application, or -1. */
    public static int firstApplicationIndex(List<String> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (!platform(frames.get(i)) && !synthetic(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The first frame that belongs to the application: where it called into the JDK, or where it created a thread. */
    public static Optional<String> firstApplicationFrame(List<String> frames) {
        int index = firstApplicationIndex(frames);
        return index >= 0 ? Optional.of(frames.get(index)) : Optional.empty();
    }

    /**
     * The JDK call the application made, such as {@code ArrayBlockingQueue.put}: the frame just above the first
     * application frame; null when the stack has none.
     */
    public static String calledInto(List<String> stack) {
        int app = firstApplicationIndex(stack);
        return app > 0 ? shortMethod(stack.get(app - 1)) : null;
    }

    /**
     * The first frame below the JDK's means of waiting (parking, a monitor's wait, a condition's await): the call
     * that waits, such as {@code ArrayBlockingQueue.take}, for a stack with no application frame to name. The top
     * frame when every frame is such a means.
     */
    public static int pastWaiting(List<String> stack) {
        for (int i = 0; i < stack.size(); i++) {
            if (!waitingMeans(stack.get(i))) {
                return i;
            }
        }
        return 0;
    }

    /** Whether the frame is one of the JDK's means of waiting ({@link #pastWaiting}). */
    public static boolean waitingMeans(String frame) {
        String method = method(frame);
        return WAITING_MEANS.stream().anyMatch(method::startsWith);
    }

    /** {@code Pipeline.stage:52} for {@code com.acme.Pipeline.stage(Pipeline.java:52)}: a short, readable site name. */
    public static String siteName(String frame) {
        String name = simpleClass(className(frame)) + '.' + methodName(frame);
        int line = line(frame);
        return line >= 0 ? name + ':' + line : name;
    }

    /** {@code Pipeline.stage(Pipeline.java:52)}: the frame without package, loader or module. */
    public static String shortFrame(String frame) {
        String method = method(frame);
        int paren = frame.indexOf('(');
        String location = paren >= 0 ? frame.substring(paren) : "";
        return simpleClass(className(frame)) + method.substring(method.lastIndexOf('.')) + location;
    }

    /** {@code ArrayBlockingQueue.put} for a frame of {@code java.util.concurrent.ArrayBlockingQueue.put}. */
    public static String shortMethod(String frame) {
        return simpleClass(className(frame)) + '.' + methodName(frame);
    }

    /** {@code CountDownLatch$Sync@1b6d3586} for {@code java.util.concurrent.CountDownLatch$Sync@1b6d3586}. */
    public static String shortIdentity(String identity) {
        int at = identity.indexOf('@');
        String type = at >= 0 ? identity.substring(0, at) : identity;
        return simpleClass(type) + (at >= 0 ? identity.substring(at) : "");
    }

    /** Line number of a frame, or -1 when it has none (native, unknown source). */
    public static int line(String frame) {
        int close = frame.lastIndexOf(')');
        int colon = frame.lastIndexOf(':', close);
        int open = frame.lastIndexOf('(', close);
        if (close < 0 || colon < open || open < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(frame.substring(colon + 1, close));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code Pipeline$Stage} for {@code com.acme.Pipeline$Stage}; a lambda's {@code /0x...} suffix is dropped. */
    public static String simpleClass(String className) {
        int hidden = className.indexOf("/0x");
        String name = hidden >= 0 ? className.substring(0, hidden) : className;
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
