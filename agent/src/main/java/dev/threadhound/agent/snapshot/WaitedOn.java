package dev.threadhound.agent.snapshot;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the threads of one scan wait on, by the identity the JDK names ({@code Class@hex}): a thread that joins another
 * waits on that thread itself, so the record of a thread found here gets its identity and the detectors can name who
 * waits for it (a {@code stop()} joining a timer thread that never ends). The hex part as sorted ints, so that asking
 * of ten thousand threads costs a search of a few ints each.
 */
final class WaitedOn {

    static final WaitedOn NOTHING = new WaitedOn(new int[0], Set.of());

    private final int[] hashes;
    private final Set<String> identities;

    private WaitedOn(int[] hashes, Set<String> identities) {
        this.hashes = hashes;
        this.identities = identities;
    }

    /**
     * Collects the threads the scanned threads wait on: names of objects of a thread class ({@code threadClasses}), so
     * that ten thousand threads each waiting on an object of its own add nothing. Alike threads come in runs, and the
     * same name is not looked at again.
     */
    static final class Collector {
        private final Set<String> threadClasses;
        private final Set<String> identities = new HashSet<>();
        private String last;

        Collector(Set<String> threadClasses) {
            this.threadClasses = threadClasses;
        }

        void waitsOn(String identity) {
            if (identity != null && identity != last) {
                last = identity;
                if (ofAThread(identity)) {
                    identities.add(identity);
                }
            }
        }

        private boolean ofAThread(String identity) {
            for (String type : threadClasses) {
                if (identity.length() > type.length() && identity.charAt(type.length()) == '@'
                        && identity.startsWith(type)) {
                    return true;
                }
            }
            return false;
        }

        WaitedOn done() {
            if (identities.isEmpty()) {
                return NOTHING;
            }
            int[] hashes = new int[identities.size()];
            int n = 0;
            for (String identity : identities) {
                int at = identity.lastIndexOf('@');
                try {
                    hashes[n] = Integer.parseUnsignedInt(identity, at + 1, identity.length(), 16);
                    n++;
                } catch (NumberFormatException | IndexOutOfBoundsException notAnIdentity) {
                    // a name without a hash code is no thread's
                }
            }
            int[] sorted = Arrays.copyOf(hashes, n);
            Arrays.sort(sorted);
            return new WaitedOn(sorted, identities);
        }
    }

    boolean isEmpty() {
        return hashes.length == 0;
    }

    boolean mayBe(int identityHash) {
        return Arrays.binarySearch(hashes, identityHash) >= 0;
    }

    boolean is(String identity) {
        return identities.contains(identity);
    }
}
