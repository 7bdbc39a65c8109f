package dev.threadhound.agent.instrument;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rewritten JDK classes kept between JVMs: found only for the same bytes, hooks and build, and never when damaged. */
class RewrittenClassCacheTest {

    private static final String TPE = "java/util/concurrent/ThreadPoolExecutor";

    @TempDir
    Path root;

    @Test
    void theNextJvmsTransformerGetsTheSameBytesFromTheCacheAsAFreshRewrite() throws IOException {
        byte[] original = jdkBytes(TPE);
        List<String> errors = new ArrayList<>();
        byte[] fresh = new HookTransformer(JdkInstrumentation.HOOKS, errors, null)
                .transform(null, TPE, null, null, original);

        byte[] first = new HookTransformer(JdkInstrumentation.HOOKS, errors, RewrittenClassCache.at(root, "b1"))
                .transform(null, TPE, null, null, original);
        assertThat(root.resolve("b1").toFile().list()).as("one entry written").hasSize(1);
        byte[] cached = RewrittenClassCache.at(root, "b1").get(TPE, original, HookTransformer.key(JdkInstrumentation.HOOKS.get(TPE)));
        byte[] second = new HookTransformer(JdkInstrumentation.HOOKS, errors, RewrittenClassCache.at(root, "b1"))
                .transform(null, TPE, null, null, original);

        assertThat(first).isEqualTo(fresh);
        assertThat(cached).as("what the second transformer found").isEqualTo(fresh);
        assertThat(second).isEqualTo(fresh);
        assertThat(errors).isEmpty();
    }

    @Test
    void whatTheTransformerFindsInTheCacheIsWhatItReturns() throws IOException {
        byte[] original = jdkBytes(TPE);
        byte[] planted = {1, 2, 3};
        RewrittenClassCache.at(root, "b1").put(TPE, original, HookTransformer.key(JdkInstrumentation.HOOKS.get(TPE)), planted);

        byte[] returned = new HookTransformer(JdkInstrumentation.HOOKS, new ArrayList<>(), RewrittenClassCache.at(root, "b1"))
                .transform(null, TPE, null, null, original);

        assertThat(returned).as("no rewrite when the cache has the class").isEqualTo(planted);
    }

    @Test
    void anotherJdksBytesOtherHooksOrAnotherBuildMiss() {
        byte[] original = {10, 20, 30, 40};
        RewrittenClassCache cache = RewrittenClassCache.at(root, "b1");
        cache.put(TPE, original, "taskExecuted<", new byte[] {7});

        assertThat(cache.get(TPE, original, "taskExecuted<")).containsExactly(7);
        assertThat(cache.get(TPE, new byte[] {10, 20, 30, 41}, "taskExecuted<")).as("another JDK").isNull();
        assertThat(cache.get(TPE, original, "executorShutdown>")).as("other hooks (tasks=off)").isNull();
        assertThat(cache.get("java/lang/Thread", original, "taskExecuted<")).as("another class").isNull();
        assertThat(RewrittenClassCache.at(root, "b2").get(TPE, original, "taskExecuted<")).as("another build").isNull();
    }

    @Test
    void aDamagedOrTruncatedEntryIsAMissNeverBrokenBytes() throws IOException {
        byte[] original = {1, 2, 3};
        byte[] rewritten = new byte[1000];
        Arrays.fill(rewritten, (byte) 5);
        RewrittenClassCache cache = RewrittenClassCache.at(root, "b1");
        cache.put(TPE, original, "k", rewritten);
        File entry = onlyEntry();

        try (RandomAccessFile file = new RandomAccessFile(entry, "rw")) {
            file.seek(500);
            file.write(6);
        }
        assertThat(cache.get(TPE, original, "k")).as("one byte changed").isNull();

        cache.put(TPE, original, "k", rewritten);
        try (RandomAccessFile file = new RandomAccessFile(entry, "rw")) {
            file.setLength(600);
        }
        assertThat(cache.get(TPE, original, "k")).as("cut short").isNull();

        cache.put(TPE, original, "k", rewritten);
        assertThat(cache.get(TPE, original, "k")).as("written again").isEqualTo(rewritten);
    }

    @Test
    void aDirectoryOtherUsersMayWriteToIsNotUsed() throws IOException {
        Path shared = Files.createDirectory(root.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(RewrittenClassCache.at(shared, "b1")).isNull();
        assertThat(RewrittenClassCache.at(null, "b1")).as("classCache=off").isNull();
        assertThat(RewrittenClassCache.at(root, "b1")).isNotNull();
    }

    @Test
    void aCacheThatCannotBeWrittenOnlyMisses() throws IOException {
        Files.writeString(root.resolve("b1"), "a file where the build's directory should be");
        RewrittenClassCache cache = RewrittenClassCache.at(root, "b1");

        cache.put(TPE, new byte[] {1}, "k", new byte[] {2});

        assertThat(cache.get(TPE, new byte[] {1}, "k")).isNull();
        assertThat(RewrittenClassCache.at(root.resolve("b1").resolve("below-a-file"), "b1")).as("no directory").isNull();
    }

    @Test
    void onlyTheNewestBuildsAreKept() throws IOException {
        for (int build = 1; build <= RewrittenClassCache.BUILDS_KEPT + 2; build++) {
            RewrittenClassCache.at(root, "b" + build).put(TPE, new byte[] {1}, "k", new byte[] {2});
            File dir = root.resolve("b" + build).toFile();
            assertThat(dir.setLastModified(1_000_000L * build)).isTrue();
        }
        RewrittenClassCache.at(root, "b-new").put(TPE, new byte[] {1}, "k", new byte[] {2});

        assertThat(root.toFile().list()).containsExactlyInAnyOrder("b-new", "b6", "b5", "b4");
    }

    private File onlyEntry() {
        File[] files = root.resolve("b1").toFile().listFiles();
        assertThat(files).hasSize(1);
        return files[0];
    }

    private static byte[] jdkBytes(String internalName) throws IOException {
        try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
