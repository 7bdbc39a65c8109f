package dev.threadhound.source.dump;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonThreadDumpReaderTest {

    @Test
    void monitorOwnersComeFromMonitorsOwned() throws Exception {
        Snapshot s = JsonThreadDumpReader.read(Dumps.text("threaddump-jdk25.json")).snapshot();

        ThreadRecord m1 = JstackReaderTest.named(s, "monitor-1");
        ThreadRecord m2 = JstackReaderTest.named(s, "monitor-2");
        assertThat(m1.state()).isEqualTo("BLOCKED");
        assertThat(m1.blockedOn()).isEqualTo("java.lang.Object@e14b1bb");
        assertThat(m1.ownerId()).isEqualTo(m2.id());
        assertThat(m1.ownedBy()).isEqualTo("monitor-2");
        assertThat(m2.ownerId()).isEqualTo(m1.id());
        assertThat(m1.stack()).startsWith("DeadlockDemo.monitors(DeadlockDemo.java:15)");
        assertThat(s.takenAt()).isEqualTo(Instant.parse("2026-11-23T07:32:30.004837254Z").toEpochMilli());
    }

    @Test
    void aReentrantLockWaitHasNoOwnerInThisFormatAndANoteSaysSo() throws Exception {
        DumpedThreads read = JsonThreadDumpReader.read(Dumps.text("threaddump-jdk25.json"));

        ThreadRecord lock1 = JstackReaderTest.named(read.snapshot(), "lock-1");
        assertThat(lock1.state()).isEqualTo("WAITING");
        assertThat(lock1.blockedOn()).startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
        assertThat(lock1.ownerId()).isEqualTo(-1);
        assertThat(read.notes()).singleElement().asString()
                .startsWith("2 thread(s) wait for a java.util.concurrent lock whose owner this JSON format does not record");
    }

    @Test
    void aParkBlockerOwnerIsUsedWhenAJdkWritesOne() throws Exception {
        String json = """
                {"threadDump": {"time": "2026-11-23T07:32:30Z", "threadContainers": [{"container": "<root>", "threads": [
                  {"tid": "24", "name": "lock-1", "state": "WAITING",
                   "parkBlocker": {"object": "java.util.concurrent.locks.ReentrantLock$NonfairSync@1", "owner": "25"}, "stack": []},
                  {"tid": "25", "name": "lock-2", "state": "WAITING",
                   "parkBlocker": {"object": "java.util.concurrent.locks.ReentrantLock$NonfairSync@2", "owner": "24"}, "stack": []}
                ]}]}}
                """;
        DumpedThreads read = JsonThreadDumpReader.read(json);

        assertThat(JstackReaderTest.named(read.snapshot(), "lock-1").ownerId()).isEqualTo(25);
        assertThat(JstackReaderTest.named(read.snapshot(), "lock-1").ownedBy()).isEqualTo("lock-2");
        assertThat(read.notes()).isEmpty();
    }

    @Test
    void jsonThatIsNoThreadDumpIsRefused() {
        assertThatThrownBy(() -> JsonThreadDumpReader.read("{\"schema\": \"threadhound/findings/v1\"}"))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageContaining("threadDump");
        assertThatThrownBy(() -> JsonThreadDumpReader.read("{\"threadDump\": {"))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith("not valid JSON");
    }
}
