package dev.threadhound.agent.options;

import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentOptionsTest {

    private static AgentOptions parse(String args) throws BadOptionException {
        return AgentOptions.parse(args, new Properties());
    }

    @Test
    void defaultsAreTheContractsDefaults() throws Exception {
        AgentOptions o = parse(null);
        assertThat(o.port()).isEqualTo(9404);
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.report()).isNull();
        assertThat(o.stuckAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.contentionThreshold()).isEqualTo(Duration.ofMillis(10));
        assertThat(o.jfr()).isTrue();
        assertThat(o.lockOrder()).as("off unless asked for: it rewrites every application class").isFalse();
        assertThat(o.pileUp()).isEqualTo(8);
        assertThat(o.proveMaxHeap()).as("prove=off").isZero();
        assertThat(o.cpuBudget()).as("1% of a core").isEqualTo(0.01);
        assertThat(o.tasks()).as("the per-task hooks are in").isTrue();
        assertThat(o.classCache()).as("the user's cache directory").isEqualTo(AgentOptions.defaultClassCache());
    }

    @Test
    void cpuBudgetIsAShareOfACoreOrOff() throws Exception {
        assertThat(parse("cpuBudget=5%").cpuBudget()).isEqualTo(0.05);
        assertThat(parse("cpuBudget=0.5%").cpuBudget()).isEqualTo(0.005);
        assertThat(parse("cpuBudget=100%").cpuBudget()).isEqualTo(1.0);
        assertThat(parse("cpuBudget=off").cpuBudget()).as("every interval, whatever a cycle costs").isEqualTo(1.0);
        assertThat(AgentOptions.percent(0.01)).isEqualTo("1%");
        assertThat(AgentOptions.percent(0.005)).isEqualTo("0.5%");
        for (String bad : new String[] {"cpuBudget=0%", "cpuBudget=1", "cpuBudget=150%", "cpuBudget=on"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad)
                    .hasMessage("bad value for cpuBudget: '" + bad.substring(10) + "'; allowed: a share of one core"
                            + " above 0% and up to 100%, such as cpuBudget=1%, or off (cycles every interval, whatever"
                            + " they cost)");
        }
    }

    @Test
    void proveIsOffOnOrTheHeapLimit() throws Exception {
        assertThat(parse("prove=off").proveMaxHeap()).isZero();
        assertThat(parse("prove=on").proveMaxHeap()).isEqualTo(256L << 20);
        assertThat(parse("prove=512m").proveMaxHeap()).isEqualTo(512L << 20);
        assertThat(parse("prove=2G").proveMaxHeap()).isEqualTo(2L << 30);
        assertThat(parse("prove=65536k").proveMaxHeap()).isEqualTo(64L << 20);
    }

    @Test
    void classCacheIsOnOffOrADirectory() throws Exception {
        assertThat(AgentOptions.defaultClassCache()).as("under the user's home or XDG_CACHE_HOME")
                .isNotNull().endsWithRaw(Paths.get("threadhound"));
        assertThat(parse("classCache=on").classCache()).isEqualTo(AgentOptions.defaultClassCache());
        assertThat(parse("classCache=off").classCache()).as("off: every JVM rewrites the JDK classes").isNull();
        assertThat(parse("classCache=/var/cache/th").classCache()).isEqualTo(Paths.get("/var/cache/th"));
        assertThatThrownBy(() -> parse("classCache=")).hasMessageStartingWith("bad value for classCache: empty; allowed: on");
    }

    @Test
    void ignoreIsFramePrefixesSeparatedBySemicolons() throws Exception {
        assertThat(AgentOptions.defaults().ignore()).isEmpty();
        assertThat(parse("stuckAfter=5s,ignore=org.hsqldb.; com.acme.Poller.run ;,port=0").ignore())
                .containsExactly("org.hsqldb.", "com.acme.Poller.run");
        Properties props = new Properties();
        props.setProperty("threadhound.ignore", "com.mongodb.internal.;okio.");
        assertThat(AgentOptions.parse(null, props).ignore()).containsExactly("com.mongodb.internal.", "okio.");
        for (String bad : new String[] {"ignore=org.hsqldb.*", "ignore=com.acme.Poller.run()", "ignore=org/hsqldb"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad)
                    .hasMessageStartingWith("bad value for ignore: '" + bad.substring(7) + "'; allowed: the start of a")
                    .hasMessageEndingWith("as in ignore=org.hsqldb.;com.acme.Poller.run");
        }
    }

    @Test
    void aBadProveValueSaysWhatIsAllowed() {
        for (String bad : new String[] {"prove=yes", "prove=0m", "prove=512", "prove=1.5g"}) {
            assertThatThrownBy(() -> parse(bad)).as(bad)
                    .hasMessageStartingWith("bad value for prove: '" + bad.substring(6) + "'; allowed: off, on")
                    .hasMessageContaining("such as prove=512m");
        }
    }

    @Test
    void parsesEveryKey() throws Exception {
        AgentOptions o = parse("port=0,host=0.0.0.0,report=/tmp/f.json,stuckAfter=2s,interval=250ms,contentionThreshold=0ms,jfr=off,pileUp=20,lockOrder=on,tasks=off");
        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.report()).isEqualTo(Paths.get("/tmp/f.json"));
        assertThat(o.stuckAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.contentionThreshold()).isZero();
        assertThat(o.jfr()).isFalse();
        assertThat(o.pileUp()).isEqualTo(20);
        assertThat(o.lockOrder()).isTrue();
        assertThat(o.tasks()).isFalse();
    }

    @Test
    void minutesAreADuration() throws Exception {
        assertThat(parse("stuckAfter=2m").stuckAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void systemPropertiesApplyAndAgentArgumentsWin() throws Exception {
        Properties props = new Properties();
        props.setProperty("threadhound.port", "9999");
        props.setProperty("threadhound.stuckAfter", "5s");
        props.setProperty("threadhound.lockOrder", "on");
        AgentOptions o = AgentOptions.parse("port=1234", props);
        assertThat(o.lockOrder()).as("a test JVM can turn it on from its argLine alone").isTrue();
        assertThat(o.port()).isEqualTo(1234);
        assertThat(o.stuckAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unknownKeyNamesTheKeyAndTheAllowedOnes() {
        assertThatThrownBy(() -> parse("bogus=1"))
                .hasMessage("unknown option 'bogus'; allowed: port, host, report, stuckAfter, interval, contentionThreshold, jfr, pileUp, prove, lockOrder, cpuBudget, tasks, classCache, ignore");
    }

    @Test
    void badDurationSaysWhatIsAllowed() {
        assertThatThrownBy(() -> parse("stuckAfter=abc"))
                .hasMessage("bad value for stuckAfter: 'abc'; allowed: a positive duration with ms, s or m, such as 30s");
        assertThatThrownBy(() -> parse("interval=0s")).hasMessageContaining("bad value for interval");
        assertThatThrownBy(() -> parse("interval=5h")).hasMessageContaining("bad value for interval: '5h'");
    }

    @Test
    void badPortHostJfrAndMissingValue() {
        assertThatThrownBy(() -> parse("port=70000")).hasMessageContaining("bad value for port: '70000'");
        assertThatThrownBy(() -> parse("port=x")).hasMessageContaining("0 (endpoint off) to 65535");
        assertThatThrownBy(() -> parse("host=")).hasMessageContaining("bad value for host");
        assertThatThrownBy(() -> parse("jfr=maybe")).hasMessage("bad value for jfr: 'maybe'; allowed: on, off");
        assertThatThrownBy(() -> parse("tasks=some")).hasMessage("bad value for tasks: 'some'; allowed: on, off");
        assertThatThrownBy(() -> parse("lockOrder=yes")).hasMessage("bad value for lockOrder: 'yes'; allowed: on, off");
        assertThatThrownBy(() -> parse("port")).hasMessage("option 'port' needs a value, as in port=9404");
        assertThatThrownBy(() -> parse("pileUp=0"))
                .hasMessage("bad value for pileUp: '0'; allowed: a whole number of at least 1, such as 8");
        assertThatThrownBy(() -> parse("pileUp=lots")).hasMessageContaining("bad value for pileUp: 'lots'");
    }

    @Test
    void badSystemPropertyIsReportedToo() {
        Properties props = new Properties();
        props.setProperty("threadhound.interval", "soon");
        assertThatThrownBy(() -> AgentOptions.parse("", props)).hasMessageContaining("bad value for interval: 'soon'");
    }
}
