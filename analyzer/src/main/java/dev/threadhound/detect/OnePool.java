package dev.threadhound.detect;

import dev.threadhound.model.ThreadRecord;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Idle threads of one creation site that are one pool filling up, not a pile-up: a library started them from its
 * own threads (no caller outside it on the creation stack) and named them as one numbered series of one numbered
 * pool. A Netty server's worker group starts a loop each time a new connection arrives, up to its size:
 * {@code multiThreadIoEventLoopGroup-3-1} to {@code -3-24} over the first minutes, all from the boss loop. What a
 * leak leaves looks different: a group made per call has the caller on the stack and names from many series
 * ({@code -2-1}, {@code -9-1}); a library leaking its own threads names them over again
 * ({@code httpclient-dispatch-1} twice); a JDK class started for the application ({@code new Timer()}) has the
 * application as its caller; and a thread per call numbered by one counter ({@code per-call-poller-7}) names no
 * pool (a program's own code, whose every frame shares one package root, looks like a library to the first test).
 */
final class OnePool {

    private OnePool() {
    }

    static boolean fillingUp(List<ThreadRecord> threads) {
        return !CreationSites.calledFromOutsideTheLibrary(threads.get(threads.size() - 1).createdAt())
                && oneNumberedSeries(threads);
    }

    /**
     * The same name but for a number at its end, each number once, and the numbers close together (a pool numbers
     * its threads from 0 or 1; one replaced now and then leaves a gap); the name before the number ends with the
     * pool's own number ({@code -3-}).
     */
    private static boolean oneNumberedSeries(List<ThreadRecord> threads) {
        String prefix = null;
        Set<Long> numbers = new HashSet<>();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (ThreadRecord t : threads) {
            String name = t.name();
            int digits = name.length();
            while (digits > 0 && Character.isDigit(name.charAt(digits - 1))) {
                digits--;
            }
            if (digits == name.length() || name.length() - digits > 9) {
                return false;
            }
            String head = name.substring(0, digits);
            if (prefix == null) {
                prefix = head;
            } else if (!prefix.equals(head)) {
                return false;
            }
            long number = Long.parseLong(name.substring(digits));
            if (!numbers.add(number)) {
                return false;
            }
            lowest = Math.min(lowest, number);
            highest = Math.max(highest, number);
        }
        return highest - lowest < 2L * threads.size() && numberedPool(prefix);
    }

    private static boolean numberedPool(String prefix) {
        int end = prefix.length() - 1;
        if (end >= 0 && !Character.isLetterOrDigit(prefix.charAt(end))) {
            end--;
        }
        return end >= 0 && Character.isDigit(prefix.charAt(end));
    }
}
