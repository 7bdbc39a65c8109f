package dev.threadhound.model;

import java.io.Serializable;

/**
 * The wait without a timeout on a latch, task or thread ({@link Progress#waitEndsOnce}) a thread was last seen in,
 * kept while the thread is seen running after it: such a wait ends for good once it ends, so a thread found in it
 * again, its wait count grown or not, was woken by something else (an interrupt it retries) and has been waiting since
 * it first began. On a starved machine a cycle can also find such a thread running between the interrupt and its next
 * wait; that look is progress, and the thread, having come back from a wait, would be judged against it as a consumer
 * of rare events is, but for what this remembers.
 *
 * @param blockedOn     what it waits on ({@code Class@hex})
 * @param since         when the wait began: its stalled-since at the first look in it
 * @param learnedBefore what the thread had learned of its waits before this one, to go back to when it returns
 */
public record OneShotWait(String blockedOn, long since, LearnedWaits learnedBefore) implements Serializable {

    /**
     * The wait to remember after {@code now}: the one it is in, the one it was in while it only runs, else null.
     *
     * @param stalledSince  its stalled-since as this snapshot alone would have it
     * @param learnedBefore what it had learned before this snapshot
     */
    static OneShotWait carry(OneShotWait was, ThreadRecord now, long stalledSince, LearnedWaits learnedBefore) {
        String on = now.blockedOn();
        if ("WAITING".equals(now.state()) && on != null && Progress.waitEndsOnce(on)) {
            return was != null && on.equals(was.blockedOn) ? was : new OneShotWait(on, stalledSince, learnedBefore);
        }
        return "RUNNABLE".equals(now.state()) ? was : null;
    }

    /** Whether {@code now} is back in this very wait. */
    boolean returnedIn(ThreadRecord now) {
        return "WAITING".equals(now.state()) && blockedOn.equals(now.blockedOn());
    }
}
