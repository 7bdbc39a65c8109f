package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent jar relocates the libraries it bundles (Okio, Kotlin, Micrometer, ...) and, with them, every constant
 * string that names one of their classes. The detectors name the application's copies of such libraries (Okio's
 * watchdog is a known idle loop): in the jar those names must still read as the application's, not as the agent's
 * relocated copy, or they never match a frame. Okio's did not, once.
 */
class AgentJarIT {

    /** A relocated class or package name in a constant string: the bare prefix alone is how frames are told apart. */
    private static final Pattern RELOCATED_NAME = Pattern.compile("dev\\.threadhound\\.shaded\\.[A-Za-z]");

    @Test
    void theDetectorsNamesOfLibraryClassesAreNotRelocated() throws IOException {
        List<String> relocated = new ArrayList<>();
        int detectors = 0;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (var entry : jar.stream().toList()) {
                String name = entry.getName();
                if (!name.contains("/dev/threadhound/detect/") || !name.endsWith(".classdata")) {
                    continue;
                }
                detectors++;
                String bytes = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);
                Matcher m = RELOCATED_NAME.matcher(bytes);
                while (m.find()) {
                    int end = m.end();
                    while (end < bytes.length() && bytes.charAt(end) >= ' ' && bytes.charAt(end) < 127) {
                        end++;
                    }
                    relocated.add(name + ": " + bytes.substring(m.start(), end));
                }
            }
        }
        assertThat(detectors).as("the detectors' classes in the agent jar").isGreaterThan(20);
        assertThat(relocated).isEmpty();
    }
}
