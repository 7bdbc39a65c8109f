package dev.threadhound.detect;

import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Ties a stuck thread to a thread that died while it used to wait on the same thing: {@code its consumer
 * pipeline-sink died of NullPointerException at Sink.run(Sink.java:30) 3s before it stalled}. Threads are
 * compared by the lock behind what they wait on, because the two sides of a queue wait on two conditions
 * ({@code notEmpty}, {@code notFull}) of one lock.
 */
final class DeathLinks {

    private static final List<String> TAKING = List.of("take", "poll", "remove", "drain", "receive");
    private static final List<String> GIVING = List.of("put", "offer", "add", "transfer", "send");

    private DeathLinks() {
    }

    /** The clause for the first of {@code stuck} that a death explains, or an empty string. */
    static String of(Snapshot snapshot, List<ThreadRecord> stuck) {
        if (snapshot.deaths().isEmpty()) {
            return "";
        }
        return stuck.stream().map(t -> of(snapshot, t)).filter(s -> !s.isEmpty()).findFirst().orElse("");
    }

    /** The clause to add to a stuck thread's summary, or an empty string. */
    static String of(Snapshot snapshot, ThreadRecord stuck) {
        String key = stuck.waitKey();
        if (key == null) {
            return "";
        }
        Optional<DeathRecord> dead = snapshot.deaths().stream()
                .filter(d -> d.threadId() != stuck.id() && d.waitedOn().stream().anyMatch(w -> key.equals(w.lock())))
                .max(Comparator.comparingLong(DeathRecord::diedAt));
        return dead.map(d -> "; " + who(stuck, d) + " died of " + d.exceptionType() + ThreadDiedDetector.where(d)
                + " " + when(snapshot, stuck, d)).orElse("");
    }

    /**
     * Names the dead thread by its side of the lock: the stuck thread puts and the dead one took (or waited on the
     * lock's other condition, when its call was not seen), so it was the consumer; or the other way round.
     */
    private static String who(ThreadRecord stuck, DeathRecord d) {
        String own = Frames.calledInto(stuck.stack());
        DeathRecord.Wait theirs = d.waitedOn().stream().filter(w -> w.lock().equals(stuck.waitKey())).findFirst().orElseThrow();
        boolean otherSide = theirs.call() != null ? !sameSide(own, theirs.call())
                : theirs.blocker() != null && stuck.blockedOn() != null && !theirs.blocker().equals(stuck.blockedOn());
        if (own != null && otherSide && is(own, GIVING)) {
            return "its consumer " + Phrases.name(d);
        }
        if (own != null && otherSide && is(own, TAKING)) {
            return "its producer " + Phrases.name(d);
        }
        return "thread " + Phrases.name(d) + ", which waited on the same lock" + (theirs.call() != null ? " in " + theirs.call() : "") + ",";
    }

    private static boolean sameSide(String own, String theirs) {
        return own == null || is(own, GIVING) == is(theirs, GIVING) && is(own, TAKING) == is(theirs, TAKING);
    }

    private static String when(Snapshot snapshot, ThreadRecord stuck, DeathRecord d) {
        long before = stuck.stalledSince() - d.diedAt();
        if (stuck.stalledSince() > 0 && before >= 0) {
            return Phrases.duration(before) + " before it stalled";
        }
        return Phrases.duration(Math.max(0, snapshot.takenAt() - d.diedAt())) + " ago";
    }

    private static boolean is(String call, List<String> verbs) {
        String method = call.substring(call.lastIndexOf('.') + 1);
        return verbs.stream().anyMatch(method::startsWith);
    }
}
