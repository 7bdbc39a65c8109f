package dev.threadhound.samples.workerpool;

/**
 * {@code --bug=spin}: an index of jobs kept as a singly linked chain, which two indexers walk to find a job. A
 * racy update has linked the chain's last node back to its second, so a lookup for a job that is not there
 * never reaches the end: both indexers stay {@code RUNNABLE} at full CPU in {@link #find}, for good, while the
 * producer waits for the first one in {@code join()}.
 */
final class CorruptedIndex {

    private static final class Node {
        final int job;
        Node next;

        Node(int job) {
            this.job = job;
        }
    }

    private final Node head;

    CorruptedIndex(int length) {
        head = new Node(0);
        Node last = head;
        for (int job = 1; job < length; job++) {
            last.next = new Node(job);
            last = last.next;
        }
        last.next = head.next;
    }

    /** Walks the chain to {@code job}; on the corrupted chain, a missing job is looked for for ever. */
    Node find(int job) {
        Node node = head;
        while (node != null && node.job != job) {
            node = node.next;
        }
        return node;
    }

    /** Starts the indexers; returns the first, which the producer waits for. */
    Thread startIndexers(int count) {
        Thread first = null;
        for (int i = 1; i <= count; i++) {
            int missing = -i;
            Thread t = new Thread(() -> {
                if (find(missing) == null) {
                    System.out.println("indexer: job " + missing + " not indexed");
                }
            }, "workerpool-indexer-" + i);
            t.setDaemon(true);
            t.start();
            first = first == null ? t : first;
        }
        return first;
    }
}
