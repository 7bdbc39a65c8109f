package dev.threadhound.junit;

import dev.threadhound.detect.ThreadRole;
import dev.threadhound.model.ThreadRecord;

import java.util.regex.Pattern;

/**
 * Threads the JDK starts on the test's behalf and ends by itself, which no test can shut down: besides the system
 * threads {@link ThreadRole} knows (the process reaper, JFR, ...), the threads of {@code java.net.http.HttpClient},
 * which has no {@code close()} before JDK 21 and whose threads end when the client is garbage collected.
 */
final class JdkOwnedThreads {

    private static final Pattern HTTP_CLIENT = Pattern.compile("HttpClient-\\d+-(SelectorManager|Worker-\\d+)");

    private JdkOwnedThreads() {
    }

    static boolean owned(ThreadRecord thread) {
        ThreadRole role = ThreadRole.of(thread);
        return role == ThreadRole.SYSTEM || role == ThreadRole.AGENT
                || thread.name() != null && HTTP_CLIENT.matcher(thread.name()).matches();
    }
}
