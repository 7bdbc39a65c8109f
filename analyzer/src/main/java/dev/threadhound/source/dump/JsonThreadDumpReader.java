package dev.threadhound.source.dump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code jcmd <pid> Thread.dump_to_file -format=json <file>} (JDK 21+), which, unlike a text dump, also lists
 * virtual threads. JDK 21 writes names and stacks only; later JDKs add the state, the monitor a thread is blocked on
 * or waits on, the monitors it owns and the park blocker. Identities are {@code Class@hash}, as the agent's.
 *
 * <p>No JDK up to 25 records who owns a {@code java.util.concurrent} lock in this format (the park blocker has no
 * owner), so a deadlock through such locks cannot be seen here; the reader says so in a note.
 */
public final class JsonThreadDumpReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonThreadDumpReader() {
    }

    public static DumpedThreads read(String json) throws UnreadableInputException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode dump = root == null ? null : root.get("threadDump");
        if (dump == null || !dump.path("threadContainers").isArray()) {
            throw new UnreadableInputException("JSON without threadDump.threadContainers; expected a jcmd Thread.dump_to_file -format=json dump");
        }
        long takenAt = time(dump.path("time").asText(null), System.currentTimeMillis());
        List<JsonNode> nodes = new ArrayList<>();
        Map<String, Long> ownerOf = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (JsonNode container : dump.get("threadContainers")) {
            for (JsonNode thread : container.path("threads")) {
                long id = thread.path("tid").asLong(-1);
                nodes.add(thread);
                names.put(id, thread.path("name").asText(""));
                for (JsonNode owned : thread.path("monitorsOwned")) {
                    for (JsonNode lock : owned.path("locks")) {
                        if (!lock.isNull()) {
                            ownerOf.putIfAbsent(lock.asText(), id);
                        }
                    }
                }
            }
        }
        List<ThreadRecord> threads = new ArrayList<>();
        int parkedWithoutOwner = 0;
        for (JsonNode node : nodes) {
            ThreadRecord record = thread(node, ownerOf, names);
            threads.add(record);
            JsonNode blocker = node.path("parkBlocker");
            if (blocker.isObject() && !blocker.has("owner") && record.waiting() && isOwnableLock(blocker.path("object").asText())) {
                parkedWithoutOwner++;
            }
        }
        List<String> notes = new ArrayList<>();
        if (parkedWithoutOwner > 0) {
            notes.add(parkedWithoutOwner + " thread(s) wait for a java.util.concurrent lock whose owner this JSON format does not"
                    + " record, so a deadlock through such locks cannot be shown from it; a jcmd <pid> Thread.print -l dump can");
        }
        if (nodes.stream().noneMatch(n -> n.has("state"))) {
            notes.add("this JSON dump has no thread states (JDK 21 format): blocked and deadlocked threads cannot be told apart");
        }
        return new DumpedThreads(Snapshot.ofThreads(takenAt, threads), notes);
    }

    private static ThreadRecord thread(JsonNode node, Map<String, Long> ownerOf, Map<Long, String> names) {
        long id = node.path("tid").asLong(-1);
        List<String> stack = new ArrayList<>();
        node.path("stack").forEach(frame -> stack.add(frame.asText()));
        String state = node.path("state").asText("RUNNABLE");
        ThreadRecord record = new ThreadRecord(id, node.path("name").asText(""), node.path("virtual").asBoolean(false),
                false, state, stack, null, -1, null, -1, -1, -1, List.of(), -1, null, 0);
        if (node.hasNonNull("blockedOn")) {
            String lock = node.get("blockedOn").asText();
            long owner = ownerOf.getOrDefault(lock, -1L);
            boolean other = owner >= 0 && owner != id;
            return record.withLock(lock, other ? owner : -1, other ? names.get(owner) : null);
        }
        JsonNode blocker = node.path("parkBlocker");
        if (blocker.isObject() && blocker.hasNonNull("object")) {
            // A future JDK may add the exclusive owner's id here (the JDK's own comment says so).
            long owner = blocker.path("owner").asLong(-1);
            boolean other = owner >= 0 && owner != id;
            return record.withLock(blocker.get("object").asText(), other ? owner : -1, other ? names.get(owner) : null);
        }
        if (node.hasNonNull("waitingOn")) {
            return record.withLock(node.get("waitingOn").asText(), -1, null);
        }
        return record;
    }

    private static boolean isOwnableLock(String identity) {
        return identity.startsWith("java.util.concurrent.locks.Reentrant");
    }

    private static long time(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
