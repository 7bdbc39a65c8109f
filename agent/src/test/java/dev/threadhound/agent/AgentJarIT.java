package dev.threadhound.agent;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped jar: nothing outside dev/threadhound/ and META-INF/, and no agent class visible on a class path. */
class AgentJarIT {

    private static final Path JAR = Paths.get(System.getProperty("threadhound.agent.jar"));

    @Test
    void holdsOnlyOurNamespace() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).isNotEmpty();
            assertThat(names).allMatch(n -> n.equals("dev/") || n.startsWith("dev/threadhound/") || n.startsWith("META-INF/"),
                    "every entry is under dev/threadhound/ or META-INF/");
        }
    }

    @Test
    void onlyTheLauncherIsALoadableClass() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).isNotEmpty().allMatch(n -> n.startsWith("dev/threadhound/agent/launch/"));
            List<String> hidden = jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("dev/threadhound/agent-classes/") && n.endsWith(".classdata")).toList();
            assertThat(hidden).anyMatch(n -> n.endsWith("dev/threadhound/agent/Agent.classdata"));
            assertThat(hidden).as("third-party classes are relocated; the bridge is renamed into java.lang")
                    .filteredOn(n -> !n.startsWith("dev/threadhound/agent-classes/dev/threadhound/"))
                    .containsExactlyInAnyOrder("dev/threadhound/agent-classes/java/lang/ThreadhoundHooks.classdata",
                            "dev/threadhound/agent-classes/java/lang/ThreadhoundProbe.classdata");
            assertThat(hidden).anyMatch(n -> n.contains("dev/threadhound/shaded/org/objectweb/asm/"));
        }
    }

    @Test
    void manifestNamesTheDoorway() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            var attrs = jar.getManifest().getMainAttributes();
            assertThat(attrs.getValue("Premain-Class")).isEqualTo("dev.threadhound.agent.launch.AgentLauncher");
            assertThat(attrs.getValue("Agent-Class")).isEqualTo("dev.threadhound.agent.launch.AgentLauncher");
            assertThat(attrs.getValue("Can-Retransform-Classes")).isEqualTo("true");
        }
    }
}
