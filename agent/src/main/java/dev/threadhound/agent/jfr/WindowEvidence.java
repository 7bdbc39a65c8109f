package dev.threadhound.agent.jfr;

import dev.threadhound.agent.snapshot.LockEvidence;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.PinningRecord;
import dev.threadhound.source.jfr.ContentionWindow;

import java.util.List;

/** The snapshot builder's view of the JFR window. */
public final class WindowEvidence implements LockEvidence {

    private final ContentionWindow window;

    public WindowEvidence(ContentionWindow window) {
        this.window = window;
    }

    @Override
    public List<ContentionRecord> contention(long nowMillis) {
        return window.contention(nowMillis);
    }

    @Override
    public List<PinningRecord> pinning(long nowMillis) {
        return window.pinning(nowMillis);
    }
}
