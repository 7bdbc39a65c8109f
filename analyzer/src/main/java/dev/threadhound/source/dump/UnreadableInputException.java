package dev.threadhound.source.dump;

/** The input is not what a reader expected; the message says what was wrong in one line a person can act on. */
public final class UnreadableInputException extends Exception {

    public UnreadableInputException(String message) {
        super(message);
    }

    public UnreadableInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
