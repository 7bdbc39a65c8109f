package dev.threadhound.source.jfr;

import dev.threadhound.source.dump.UnreadableInputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks a recording's chunk headers before parsing: JFR's parser treats a cut-off chunk as the end of the file and
 * reports no error, which would read as "no contention" rather than "this file is broken".
 */
final class RecordingFiles {

    /** magic "FLR\0", major, minor (2 bytes each), then the chunk's size in bytes. */
    private static final int HEADER = 16;
    private static final int MAGIC = 0x464C5200;

    private RecordingFiles() {
    }

    static void checkComplete(Path file) throws UnreadableInputException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (position < size) {
                header.clear();
                int read = channel.read(header, position);
                if (read < HEADER) {
                    throw truncated(size, position + HEADER);
                }
                header.flip();
                if (header.getInt(0) != MAGIC) {
                    throw new UnreadableInputException("damaged JFR recording: no chunk header at byte " + position);
                }
                long chunkSize = header.getLong(8);
                if (chunkSize <= 0) {
                    throw new UnreadableInputException("JFR recording still being written (its chunk has no size yet); dump it with jcmd <pid> JFR.dump");
                }
                if (position + chunkSize > size) {
                    throw truncated(size, position + chunkSize);
                }
                position += chunkSize;
            }
        } catch (IOException e) {
            throw new UnreadableInputException("cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static UnreadableInputException truncated(long size, long expected) {
        return new UnreadableInputException("truncated JFR recording: " + size + " bytes, its chunk headers promise at least " + expected);
    }
}
