package dev.threadhound.agent.instrument;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The JDK classes as the agent rewrote them, kept on disk so the next JVM on the same JDK takes them from there
 * instead of running ASM: ASM's first use in a JVM (its classes loaded, verified and run cold) is 30 ms of a
 * 50 ms instrumentation phase, paid again by every JVM a test suite forks.
 *
 * <p>An entry is found by the class's original bytes (their CRC32 and length: another JDK, another key), the hooks
 * put into it and the agent's build, and holds the rewritten bytes with their own CRC32, checked before they are
 * used: a torn or altered file is a miss, never a broken JDK class. Files are written to a temporary name and
 * moved into place, so JVMs starting side by side share the cache. Entries of a build live in a directory of their
 * own, and the oldest build directories beyond {@value #BUILDS_KEPT} are deleted when a new one is made.
 *
 * <p>Anything that goes wrong (no home directory, a read-only disk) only makes the cache miss: the agent then
 * rewrites the class as it would without one.
 */
final class RewrittenClassCache {

    private static final int MAGIC = 0x54485243;
    static final int BUILDS_KEPT = 4;

    private final File dir;

    private RewrittenClassCache(File dir) {
        this.dir = dir;
    }

    /**
     * The cache of this agent build under {@code root}, or null when {@code root} is null (the cache is off) or may
     * be written by other users (a class from there ends up in {@code java.base}).
     */
    static RewrittenClassCache at(Path root, String build) {
        if (root == null || build == null || !ownOnly(root)) {
            return null;
        }
        return new RewrittenClassCache(new File(root.toFile(), build));
    }

    /** The rewritten bytes for these original bytes and hooks, or null. */
    byte[] get(String className, byte[] original, String hooks) {
        File entry = entry(className, original, hooks);
        if (!entry.isFile()) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new FileInputStream(entry))) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            long crc = in.readInt() & 0xffffffffL;
            byte[] rewritten = in.readNBytes(in.readInt());
            return in.read() == -1 && crc(rewritten) == crc ? rewritten : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Keeps the rewritten bytes for the next JVM; a failure to write is only a miss next time. */
    void put(String className, byte[] original, String hooks, byte[] rewritten) {
        try {
            if (!dir.isDirectory()) {
                Files.createDirectories(dir.toPath());
                pruneOtherBuilds();
            }
            File entry = entry(className, original, hooks);
            File temp = File.createTempFile(entry.getName(), ".tmp", dir);
            try (DataOutputStream out = new DataOutputStream(new FileOutputStream(temp))) {
                out.writeInt(MAGIC);
                out.writeInt((int) crc(rewritten));
                out.writeInt(rewritten.length);
                out.write(rewritten);
            }
            try {
                Files.move(temp.toPath(), entry.toPath(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp.toPath(), entry.toPath(), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp.toPath());
            }
        } catch (IOException | RuntimeException e) {
            // the next JVM rewrites the class again
        }
    }

    private File entry(String className, byte[] original, String hooks) {
        return new File(dir, className.replace('/', '.') + "-" + Integer.toHexString(hooks.hashCode()) + "-"
                + Long.toHexString(crc(original)) + "-" + original.length + ".class");
    }

    /** Removes the directories of earlier builds beyond the newest {@value #BUILDS_KEPT}. */
    private void pruneOtherBuilds() {
        File[] builds = dir.getParentFile().listFiles(File::isDirectory);
        if (builds == null || builds.length <= BUILDS_KEPT) {
            return;
        }
        Arrays.sort(builds, Comparator.comparingLong(File::lastModified).reversed());
        for (File old : Arrays.copyOfRange(builds, BUILDS_KEPT, builds.length)) {
            if (!old.equals(dir)) {
                File[] files = old.listFiles();
                if (files != null) {
                    for (File f : files) {
                        f.delete();
                    }
                }
                old.delete();
            }
        }
    }

    /**
     * The cache directory (made when missing), if it is the user's own and no other user may write to it; true
     * where the file system knows no POSIX permissions.
     */
    private static boolean ownOnly(Path root) {
        try {
            Files.createDirectories(root);
            PosixFileAttributes attributes = Files.readAttributes(root, PosixFileAttributes.class);
            Set<PosixFilePermission> permissions = attributes.permissions();
            return attributes.owner().getName().equals(System.getProperty("user.name"))
                    && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
