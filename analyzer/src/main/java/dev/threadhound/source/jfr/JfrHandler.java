package dev.threadhound.source.jfr;

import jdk.jfr.consumer.RecordedEvent;

import java.util.function.Consumer;

/** Handles one JFR event type; registered on an event stream under {@link #eventName()}. */
interface JfrHandler extends Consumer<RecordedEvent> {
    String eventName();
}
