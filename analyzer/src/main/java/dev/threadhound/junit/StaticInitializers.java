package dev.threadhound.junit;

import dev.threadhound.detect.Frames;

import java.util.List;
import java.util.OptionalInt;

/**
 * Threads, executors and tasks that a static initializer created. A class is initialized once per JVM, so what its
 * {@code <clinit>} starts lives as long as the process (a library's timer in a lazy holder class, a JDBC driver's
 * cleanup thread): the test that happened to touch the class first did not leak it. Only the agent knows creation
 * sites, so without it nothing is told apart this way.
 *
 * <p>A static initializer of the test class itself, of a class nested in it or of the class it is nested in (one
 * top-level class) is the test's own code, and what it starts is judged like the rest of the test. Every other
 * class counts as outside: a library's, the JDK's, or a shared fixture elsewhere in the test sources, which is just
 * as much created once for the whole run.
 */
final class StaticInitializers {

    private static final String CLINIT = "<clinit>";

    private StaticInitializers() {
    }

    /**
     * Index in {@code site} of the first static-initializer frame of a class outside {@code testClass}'s top-level
     * class, or empty.
     *
     * @param testClass the binary name of the class whose tests run under the check ({@code com.acme.FooTest$Inner}),
     *                  or null when none is known: then every static initializer is outside
     */
    static OptionalInt outside(List<String> site, String testClass) {
        String own = testClass == null ? null : topLevel(testClass);
        for (int i = 0; i < site.size(); i++) {
            String frame = site.get(i);
            if (Frames.methodName(frame).equals(CLINIT) && !topLevel(Frames.className(frame)).equals(own)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** {@code com.acme.FooTest} for {@code com.acme.FooTest$Holder}. */
    static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested >= 0 ? className.substring(0, nested) : className;
    }
}
