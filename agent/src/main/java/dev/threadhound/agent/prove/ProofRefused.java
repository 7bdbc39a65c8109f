package dev.threadhound.agent.prove;

/** No proof this time; the message is one line that says why and what would allow it. */
public final class ProofRefused extends Exception {

    public ProofRefused(String message) {
        super(message);
    }
}
