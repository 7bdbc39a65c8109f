package dev.threadhound.agent.snapshot;

import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.PinningRecord;

import java.util.List;

/** Contention and pinning over the recent window, as the JFR stream aggregated them. */
public interface LockEvidence {

    LockEvidence NONE = new LockEvidence() {
        @Override
        public List<ContentionRecord> contention(long nowMillis) {
            return List.of();
        }

        @Override
        public List<PinningRecord> pinning(long nowMillis) {
            return List.of();
        }
    };

    List<ContentionRecord> contention(long nowMillis);

    List<PinningRecord> pinning(long nowMillis);
}
