package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;

import java.util.List;

/**
 * Findings the user said not to report ({@code ignore}): those with a frame that starts with one of the given
 * {@code class.method} prefixes in one of their sites (a lock's, a creation, a submission, where a thread died), or
 * in the stack or creation site of every thread they list. The escape hatch for a library's thread that waits by
 * design in a way threadhound does not know, as goleak's {@code IgnoreAnyFunction} is: a deadlock or contention
 * between the application's threads and an ignored one is still reported.
 */
final class Ignored {

    private Ignored() {
    }

    static boolean by(Finding f, List<String> prefixes) {
        if (Frames.anyStartsWith(f.site(), prefixes) || Frames.anyStartsWith(f.createdAt(), prefixes)
                || Frames.anyStartsWith(f.submittedAt(), prefixes) || Frames.anyStartsWith(f.at(), prefixes)) {
            return true;
        }
        List<FindingThread> threads = f.threads();
        return threads != null && !threads.isEmpty() && threads.stream().allMatch(
                t -> Frames.anyStartsWith(t.stack(), prefixes) || Frames.anyStartsWith(t.createdAt(), prefixes));
    }
}
