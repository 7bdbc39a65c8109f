package dev.threadhound.source.jfr;

/**
 * How many events per second get the full treatment (a walk of their stack). Under an event storm the rest are
 * still counted, with the last site seen for their lock, so the cost per second stays bounded and the totals stay
 * right. Used by one thread (the stream's), so it needs no synchronization.
 */
final class EventBudget {

    private final int perSecond;
    private long second = Long.MIN_VALUE;
    private int used;

    EventBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    static EventBudget unlimited() {
        return new EventBudget(Integer.MAX_VALUE);
    }

    boolean take(long nowMillis) {
        long s = nowMillis / 1000;
        if (s != second) {
            second = s;
            used = 0;
        }
        if (used >= perSecond) {
            return false;
        }
        used++;
        return true;
    }
}
