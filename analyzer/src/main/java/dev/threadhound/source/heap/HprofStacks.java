package dev.threadhound.source.heap;

import shark.HprofHeader;
import shark.HprofRecord;
import shark.HprofRecordTag;
import shark.StreamingHprofReader;

import java.io.File;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The thread dump inside a heap dump: one stack trace per thread, its frames naming method, class, source file and
 * line. Read in one streaming pass that skips the heap records.
 */
final class HprofStacks {

    /** HPROF's line number of a native method. */
    private static final int NATIVE = -3;

    private final Map<Integer, List<String>> bySerial;

    private HprofStacks(Map<Integer, List<String>> bySerial) {
        this.bySerial = bySerial;
    }

    static HprofStacks read(File file, HprofHeader header) {
        Map<Long, String> strings = new HashMap<>();
        Map<Integer, Long> classNames = new HashMap<>();
        Map<Long, HprofRecord.StackFrameRecord> frames = new HashMap<>();
        Map<Integer, long[]> traces = new HashMap<>();
        StreamingHprofReader.Companion.readerFor(file, header).readRecords(
                EnumSet.of(HprofRecordTag.STRING_IN_UTF8, HprofRecordTag.LOAD_CLASS, HprofRecordTag.STACK_FRAME,
                        HprofRecordTag.STACK_TRACE),
                (tag, length, reader) -> {
                    switch (tag) {
                        case STRING_IN_UTF8 -> {
                            HprofRecord.StringRecord s = reader.readStringRecord(length);
                            strings.put(s.getId(), s.getString());
                        }
                        case LOAD_CLASS -> {
                            HprofRecord.LoadClassRecord c = reader.readLoadClassRecord();
                            classNames.put(c.getClassSerialNumber(), c.getClassNameStringId());
                        }
                        case STACK_FRAME -> {
                            HprofRecord.StackFrameRecord f = reader.readStackFrameRecord();
                            frames.put(f.getId(), f);
                        }
                        case STACK_TRACE -> {
                            HprofRecord.StackTraceRecord t = reader.readStackTraceRecord();
                            traces.put(t.getStackTraceSerialNumber(), t.getStackFrameIds());
                        }
                        default -> {
                        }
                    }
                });
        Map<Integer, List<String>> bySerial = new HashMap<>();
        traces.forEach((serial, ids) -> {
            List<String> stack = new ArrayList<>(ids.length);
            for (long id : ids) {
                HprofRecord.StackFrameRecord f = frames.get(id);
                if (f != null) {
                    stack.add(frame(f, strings, classNames));
                }
            }
            bySerial.put(serial, List.copyOf(stack));
        });
        return new HprofStacks(bySerial);
    }

    /** The frames of stack trace {@code serial}, innermost first; empty when the dump has none. */
    List<String> stack(int serial) {
        return bySerial.getOrDefault(serial, List.of());
    }

    /** {@code StackTraceElement.toString()} form, without module: {@code java.lang.Object.wait(Native Method)}. */
    private static String frame(HprofRecord.StackFrameRecord f, Map<Long, String> strings, Map<Integer, Long> classNames) {
        Long classNameId = classNames.get(f.getClassSerialNumber());
        String className = classNameId == null ? "?" : strings.getOrDefault(classNameId, "?").replace('/', '.');
        String method = strings.getOrDefault(f.getMethodNameStringId(), "?");
        String file = f.getSourceFileNameStringId() == 0 ? null : strings.get(f.getSourceFileNameStringId());
        String location;
        if (f.getLineNumber() == NATIVE) {
            location = "Native Method";
        } else if (file == null) {
            location = "Unknown Source";
        } else if (f.getLineNumber() > 0) {
            location = file + ":" + f.getLineNumber();
        } else {
            location = file;
        }
        return className + "." + method + "(" + location + ")";
    }
}
