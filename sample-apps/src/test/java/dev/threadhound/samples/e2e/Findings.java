package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The findings of a findings JSON document (schema threadhound/findings/v1), by type. */
final class Findings {

    private Findings() {
    }

    static List<JsonNode> ofType(String json, String type) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<JsonNode> out = new ArrayList<>();
            root.path("findings").forEach(f -> {
                if (f.path("type").asText().equals(type)) {
                    out.add(f);
                }
            });
            return out;
        } catch (IOException e) {
            throw new AssertionError("not a findings document: " + json, e);
        }
    }

    static List<JsonNode> ofType(Path file, String type) {
        try {
            return ofType(Files.readString(file), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The finding's lock and its first site frame, e.g. {@code ReentrantLock @ HotLock.update(...)}. */
    static String lockAt(JsonNode contention) {
        return contention.path("lock").asText() + " @ " + contention.path("site").path(0).asText();
    }
}
