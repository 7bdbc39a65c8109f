package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

/** {@code jdk.JavaMonitorEnter}: a thread waited to enter a {@code synchronized} block or method. */
final class MonitorEnterHandler extends WaitHandler {

    static final String EVENT = "jdk.JavaMonitorEnter";

    MonitorEnterHandler(ContentionWindow window, ContentionListener listener, EventBudget budget) {
        super(window, listener, budget);
    }

    @Override
    public String eventName() {
        return EVENT;
    }

    @Override
    String kind() {
        return "monitor";
    }

    @Override
    String lock(RecordedEvent event) {
        RecordedClass monitor = event.getClass("monitorClass");
        return monitor == null ? null : monitor.getName();
    }
}
