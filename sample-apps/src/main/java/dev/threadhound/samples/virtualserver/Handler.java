package dev.threadhound.samples.virtualserver;

/** Handles one request on the calling (virtual) thread. */
interface Handler {
    void handle(long request);
}
