package dev.threadhound.cli;

import dev.threadhound.source.dump.JstackReader;

/** What a file holds, told by its content, never by its name. */
enum InputKind {
    JFR, JSON_DUMP, TEXT_DUMP, UNKNOWN;

    static final String ALLOWED = "a JFR recording (.jfr), a jcmd Thread.dump_to_file -format=json dump,"
            + " or a jstack / jcmd Thread.print text dump";

    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};

    static boolean isJfr(byte[] head) {
        if (head.length < JFR_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < JFR_MAGIC.length; i++) {
            if (head[i] != JFR_MAGIC[i]) {
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
