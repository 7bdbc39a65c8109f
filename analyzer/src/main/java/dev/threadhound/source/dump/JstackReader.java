package dev.threadhound.source.dump;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code jstack} or {@code jcmd <pid> Thread.print} text dump (with or without {@code -l}), and the text of
 * a JFR {@code jdk.ThreadDump} event, which has the same form.
 *
 * <p>Text dumps name locks by address ({@code <0x...>}), not by identity hash, so the address is the lock's identity
 * here. Who owns a lock comes from the owner's {@code - locked <addr>} lines, its "Locked ownable synchronizers"
 * (only with {@code -l}) and, for a lock the JVM found in a deadlock, the "which is held by" lines; a waiter's
 * {@code ownerId} is filled from them, so the deadlock detector sees the same wait-for edges as in a live JVM.
 */
public final class JstackReader {

    private static final Pattern HEADER = Pattern.compile("^\"(.*)\" #(\\d+)(.*)$");
    private static final Pattern STATE = Pattern.compile("^\\s*java\\.lang\\.Thread\\.State: (\\w+)");
    private static final Pattern LOCK_LINE =
            Pattern.compile("^\\s*- (waiting to lock|waiting to re-lock in wait\\(\\)|parking to wait for|waiting on|locked)\\s+<(0x[0-9a-fA-F]+)> \\(a ([^)]+)\\)");
    private static final Pattern OWNABLE = Pattern.compile("^\\s*- <(0x[0-9a-fA-F]+)> \\(a ([^)]+)\\)");
    private static final Pattern DEADLOCK_WAITER = Pattern.compile("^\"(.*)\":$");
    private static final Pattern DEADLOCK_LOCK = Pattern.compile("(?:object |ownable synchronizer )(0x[0-9a-fA-F]+)");
    private static final Pattern DEADLOCK_OWNER = Pattern.compile("which is held by \"(.*)\"");
    /** How long the thread has existed, as HotSpot prints it in the header: {@code elapsed=3.25s}. */
    private static final Pattern ELAPSED = Pattern.compile(" elapsed=(\\d+(?:\\.\\d+)?)s");
    private static final Pattern TIMESTAMP = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2})$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private JstackReader() {
    }

    /** True when {@code text} has the marks of a HotSpot text thread dump. */
    public static boolean looksLikeDump(String text) {
        return text.contains("Full thread dump")
                || (text.contains("java.lang.Thread.State:") && HEADER.matcher(firstHeader(text)).matches());
    }

    /**
     * @param fallbackTakenAt epoch millis to use when the dump carries no timestamp line
     */
    public static DumpedThreads read(String text, long fallbackTakenAt) throws UnreadableInputException {
        List<Parsed> threads = new ArrayList<>();
        Map<String, String> heldBy = new HashMap<>();
        long takenAt = fallbackTakenAt;
        Parsed current = null;
        boolean ownableSection = false;
        boolean deadlockSection = false;
        String deadlockWaiterLock = null;
        for (String line : text.split("\\R")) {
            if (takenAt == fallbackTakenAt && threads.isEmpty()) {
                Matcher t = TIMESTAMP.matcher(line.trim());
                if (t.matches()) {
                    takenAt = parseTime(t.group(1), fallbackTakenAt);
                    continue;
                }
            }
            if (line.startsWith("Found one Java-level deadlock") || line.startsWith("Found a total of")) {
                deadlockSection = true;
                current = null;
                continue;
            }
            if (deadlockSection) {
                Matcher lock = DEADLOCK_LOCK.matcher(line);
                Matcher owner = DEADLOCK_OWNER.matcher(line);
                if (lock.find()) {
                    deadlockWaiterLock = lock.group(1).toLowerCase();
                } else if (owner.find() && deadlockWaiterLock != null) {
                    heldBy.putIfAbsent(deadlockWaiterLock, owner.group(1));
                    deadlockWaiterLock = null;
                } else if (DEADLOCK_WAITER.matcher(line).matches()) {
                    deadlockWaiterLock = null;
                }
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = new Parsed(Long.parseLong(header.group(2)), header.group(1),
                        header.group(3).startsWith(" daemon") || header.group(3).contains("] daemon "));
                Matcher elapsed = ELAPSED.matcher(header.group(3));
                if (elapsed.find()) {
                    current.elapsedMillis = Math.round(Double.parseDouble(elapsed.group(1)) * 1000);
                }
                threads.add(current);
                ownableSection = false;
                continue;
            }
            if (line.startsWith("\"")) {
                current = null; // a VM thread (no Java id): not part of the model
                continue;
            }
            if (current == null) {
                continue;
            }
            readThreadLine(current, line, ownableSection);
            if (line.trim().equals("Locked ownable synchronizers:")) {
                ownableSection = true;
            }
        }
        if (threads.isEmpty()) {
            throw new UnreadableInputException("no Java thread found; expected a jstack or jcmd Thread.print dump");
        }
        return new DumpedThreads(Snapshot.ofThreads(takenAt, resolve(threads, heldBy, takenAt)), List.of());
    }

    private static void readThreadLine(Parsed current, String line, boolean ownableSection) {
        String trimmed = line.trim();
        Matcher state = STATE.matcher(line);
        if (state.find()) {
            current.state = state.group(1);
        } else if (trimmed.startsWith("at ")) {
            current.frames.add(FrameText.fromJstack(trimmed.substring(3)));
        } else if (ownableSection) {
            Matcher owned = OWNABLE.matcher(line);
            if (owned.find()) {
                current.owned.add(owned.group(1).toLowerCase());
            }
        } else {
            Matcher lock = LOCK_LINE.matcher(line);
            if (lock.find()) {
                String address = lock.group(2).toLowerCase();
                String identity = lock.group(3) + "@" + address;
                switch (lock.group(1)) {
                    case "locked" -> current.owned.add(address);
                    case "waiting on" -> current.waitingOn = identity;
                    default -> {
                        // The innermost wait is the one that counts; jstack prints it first.
                        if (current.lockAddress == null) {
                            current.lockAddress = address;
                            current.lockIdentity = identity;
                        }
                    }
                }
            }
        }
    }

    private static List<ThreadRecord> resolve(List<Parsed> threads, Map<String, String> heldBy, long takenAt) {
        Map<String, Parsed> ownerOf = new HashMap<>();
        Map<String, Parsed> byName = new HashMap<>();
        for (Parsed p : threads) {
            p.owned.forEach(address -> ownerOf.putIfAbsent(address, p));
            byName.putIfAbsent(p.name, p);
        }
        heldBy.forEach((address, name) -> {
            if (byName.containsKey(name)) {
                ownerOf.putIfAbsent(address, byName.get(name));
            }
        });
        List<ThreadRecord> out = new ArrayList<>(threads.size());
        for (Parsed p : threads) {
            ThreadRecord record = new ThreadRecord(p.id, p.name, false, p.daemon, p.state == null ? "RUNNABLE" : p.state,
                    p.frames, null, -1, null, -1, -1, -1, List.of(), -1, null, 0);
            if (p.elapsedMillis >= 0 && takenAt > p.elapsedMillis) {
                // how long DestroyJavaVM has existed is how long ago main returned
                record = record.withStartedAt(takenAt - p.elapsedMillis);
            }
            if (p.lockAddress != null) {
                Parsed owner = ownerOf.get(p.lockAddress);
                boolean other = owner != null && owner != p;
                record = record.withLock(p.lockIdentity, other ? owner.id : -1, other ? owner.name : null);
            } else if (p.waitingOn != null) {
                // Object.wait released the monitor: the thread waits for a notify, not for an owner.
                record = record.withLock(p.waitingOn, -1, null);
            }
            out.add(record);
        }
        return out;
    }

    private static long parseTime(String text, long fallback) {
        try {
            return LocalDateTime.parse(text, TIME).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    private static String firstHeader(String text) {
        for (String line : text.split("\\R", 200)) {
            if (line.startsWith("\"")) {
                return line;
            }
        }
        return "";
    }

    /** One thread while its lines are read. */
    private static final class Parsed {
        final long id;
        final String name;
        final boolean daemon;
        String state;
        final List<String> frames = new ArrayList<>();
        final List<String> owned = new ArrayList<>();
        String lockAddress;
        String lockIdentity;
        String waitingOn;
        long elapsedMillis = -1;

        Parsed(long id, String name, boolean daemon) {
            this.id = id;
            this.name = name;
            this.daemon = daemon;
        }
    }
}
