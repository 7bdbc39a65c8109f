package dev.threadhound.cli;

import dev.threadhound.source.dump.JstackReader;

/** What a file holds, told by its content, never by its name. */
enum InputKind {
    JFR, JSON_DUMP, TEXT_DUMP, UNKNOWN;

    static final String ALLOWED = "a JFR recording (.jfr), a jcmd Thread.dump_to_file -format=json dump,"
            + " a jstack / jcmd Thread.print text dump, or a heap dump (.hprof)";

    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};
    /** HPROF's header, {@code JAVA PROFILE 1.0.2} or {@code 1.0.1}; told here so that reading it needs no Shark. */
    static final byte[] HPROF_MAGIC = "JAVA PROFILE 1.0.".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static boolean isJfr(byte[] head) {
        return startsWith(head, JFR_MAGIC);
    }

    static boolean isHprof(byte[] head) {
        return startsWith(head, HPROF_MAGIC);
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The kind of a file that is not a JFR recording. */
    static InputKind ofText(String text) {
        if (text.stripLeading().startsWith("{")) {
            return JSON_DUMP;
        }
        return JstackReader.looksLikeDump(text) ? TEXT_DUMP : UNKNOWN;
    }
}
