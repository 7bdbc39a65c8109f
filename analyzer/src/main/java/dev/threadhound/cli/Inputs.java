package dev.threadhound.cli;

import dev.threadhound.model.Progress;
import dev.threadhound.source.dump.DumpedThreads;
import dev.threadhound.source.dump.JsonThreadDumpReader;
import dev.threadhound.source.dump.JstackReader;
import dev.threadhound.source.dump.UnreadableInputException;
import dev.threadhound.source.jfr.JfrRecordingReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the file given to {@code analyze} and hands it to the reader its content calls for. */
final class Inputs {

    private Inputs() {
    }

    /** The snapshot of {@code file}, already carried forward, so detectors see it as they see a live one. */
    static DumpedThreads read(Path file) throws UnreadableInputException {
        if (!Files.exists(file)) {
            throw new UnreadableInputException("no such file");
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableInputException("is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new UnreadableInputException("cannot be read (permission denied)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new UnreadableInputException("is empty");
            }
            if (InputKind.isJfr(head(file))) {
                return JfrRecordingReader.read(file);
            }
            long modified = Files.getLastModifiedTime(file).toMillis();
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            DumpedThreads read = switch (InputKind.ofText(text)) {
                case JSON_DUMP -> JsonThreadDumpReader.read(text);
                case TEXT_DUMP -> JstackReader.read(text, modified);
                default -> throw new UnreadableInputException("is not a thread dump, JFR recording or heap dump");
            };
            return new DumpedThreads(Progress.carry(null, read.snapshot()), read.notes());
        } catch (IOException e) {
            throw new UnreadableInputException("cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** Whether {@code file} is a readable HPROF heap dump by its first bytes; false for anything else. */
    static boolean isHeapDump(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return InputKind.isHprof(in.readNBytes(InputKind.HPROF_MAGIC.length));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        }
    }
}
