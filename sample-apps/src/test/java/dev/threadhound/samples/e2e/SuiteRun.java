package dev.threadhound.samples.e2e;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite in {@code dev.threadhound.samples.realsuite} run in a JVM of its own by JUnit's console launcher (Jupiter and
 * Vintage), with the analyzer on the class path and the leak check auto-detected for every Jupiter test, as a user's
 * build would run it. What passed and failed is read from the launcher's tree (ASCII theme), the times from its XML.
 */
final class SuiteRun implements AutoCloseable {

    /**
     * {@code | | +-- name() 1234 ms [X] first line of the message}: indentation, name, status, message; the launcher
     * adds the duration of a slow test.
     */
    private static final Pattern NODE = Pattern.compile("^([| ]*)[+'`]-- (.+?)(?: \\d+ ms)? \\[(OK|X|A|S)\\](?: (.*))?$");

    private final ChildJvm jvm;
    private final Path reports;

    private SuiteRun(ChildJvm jvm, Path reports) {
        this.jvm = jvm;
        this.reports = reports;
    }

    /**
     * @param agent   attach the real agent jar ({@code port=0,jfr=off}, as docs/junit.md sets up Surefire)
     * @param config  {@code key=value} configuration parameters; {@code -Dkey=value} entries become system properties
     * @param classes simple names of the suite classes to run
     */
    static SuiteRun start(ChildJvm.Jdk jdk, String name, boolean agent, List<String> config, List<String> classes) {
        return start(jdk, name, agent ? "port=0,jfr=off" : null, config, classes);
    }

    /** @param agentOptions the agent's options, or null for no agent */
    static SuiteRun start(ChildJvm.Jdk jdk, String name, String agentOptions, List<String> config, List<String> classes) {
        try {
            Path reports = Files.createDirectories(Paths.get("target", "e2e-reports", name + "-jdk" + jdk.version()))
                    .toAbsolutePath();
            try (DirectoryStream<Path> old = Files.newDirectoryStream(reports)) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            Path libs = Paths.get(System.getProperty("threadhound.suite.libs"));
            ChildJvm.Builder b = ChildJvm.on(jdk).name(name).noClasspath().stderrApart();
            if (agentOptions != null) {
                b.agent(agentOptions);
            }
            config.stream().filter(c -> c.startsWith("-D")).forEach(b::jvmArg);
            b.jvmArg("-jar").jvmArg(libs.resolve("junit-platform-console-standalone.jar").toString());
            List<String> args = new ArrayList<>(List.of("execute", "--disable-banner", "--disable-ansi-colors",
                    "--details=tree", "--details-theme=ascii", "--reports-dir=" + reports,
                    "--class-path=" + String.join(java.io.File.pathSeparator,
                            System.getProperty("threadhound.suite.classes"), ChildJvm.analyzerJar().toString(),
                            libs.resolve("commons-pool2.jar").toString(), libs.resolve("netty-common.jar").toString(),
                            libs.resolve("mysql-connector-j.jar").toString()),
                    "--config=junit.jupiter.extensions.autodetection.enabled=true",
                    "--config=junit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$ClassName",
                    "--config=junit.jupiter.testmethod.order.default=org.junit.jupiter.api.MethodOrderer$MethodName"));
            config.stream().filter(c -> !c.startsWith("-D")).forEach(c -> args.add("--config=" + c));
            classes.forEach(c -> args.add("--select-class=dev.threadhound.samples.realsuite." + c));
            return new SuiteRun(b.args(args.toArray(String[]::new)).start(), reports);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for the launcher to finish: exit 0 when every test passed, 1 when some failed. */
    int awaitExit() {
        return jvm.awaitExit(Duration.ofSeconds(120));
    }

    /** Standard output: the launcher's tree with every failure message. */
    String output() {
        return jvm.output();
    }

    /** Standard error: what the check says once per JVM. */
    String errors() {
        return jvm.errorOutput();
    }

    /**
     * Every class and test of the tree, as {@code Class} and {@code Class.test()} (JUnit 4 tests have no
     * parentheses), with {@code OK} or the first line of the failure.
     */
    Map<String, String> outcomes() {
        Map<String, String> out = new LinkedHashMap<>();
        String currentClass = null;
        for (String line : output().split("\n")) {
            Matcher m = NODE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int depth = m.group(1).length() / 2;
            String outcome = m.group(3).equals("X") ? "X " + m.group(4) : m.group(3);
            if (depth == 1) {
                currentClass = m.group(2);
                out.put(currentClass, outcome);
            } else if (depth == 2) {
                out.put(currentClass + "." + m.group(2), outcome);
            }
        }
        return out;
    }

    /** Seconds each test of a class took, from the launcher's XML report. */
    List<Double> times(String simpleClassName) {
        List<Double> out = new ArrayList<>();
        try (DirectoryStream<Path> xml = Files.newDirectoryStream(reports, "TEST-*.xml")) {
            for (Path file : xml) {
                NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile())
                        .getElementsByTagName("testcase");
                for (int i = 0; i < cases.getLength(); i++) {
                    Element c = (Element) cases.item(i);
                    if (c.getAttribute("classname").endsWith("." + simpleClassName)) {
                        out.add(Double.parseDouble(c.getAttribute("time")));
                    }
                }
            }
        } catch (Exception e) {
            throw new AssertionError("no readable XML report in " + reports + ":\n" + output(), e);
        }
        return out;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
