package dev.threadhound.source.jfr;

import java.util.List;

/** What contention is aggregated by: the lock's class, how it was waited for, and where. */
record WaitKey(String lock, String kind, List<String> site) {

    static WaitKey other(String kind) {
        return new WaitKey(ContentionWindow.OTHER, kind, List.of());
    }
}
