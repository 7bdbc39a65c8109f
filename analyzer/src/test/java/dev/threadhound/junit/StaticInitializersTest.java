package dev.threadhound.junit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StaticInitializersTest {

    @Test
    void findsTheFirstStaticInitializerOutsideTheTestsTopLevelClass() {
        List<String> site = List.of(
                "java.base/java.util.Timer.<init>(Timer.java:188)",
                "app//com.acme.ClientTest$Holder.<clinit>(ClientTest.java:12)",
                "com.lib@2.1/com.lib.Registry.<clinit>(Registry.java:7)",
                "app//com.acme.ClientTest.touches(ClientTest.java:30)");

        assertThat(StaticInitializers.outside(site, "com.acme.ClientTest$Nested")).hasValue(2);
        assertThat(StaticInitializers.outside(site, "com.acme.OtherTest")).hasValue(1);
        assertThat(StaticInitializers.outside(site, null)).hasValue(1);
    }

    @Test
    void aSiteWithoutStaticInitializersOrWithNoneIsOrdinary() {
        assertThat(StaticInitializers.outside(List.of("app//com.acme.Pool.<init>(Pool.java:3)",
                "app//com.acme.ClientTest.starts(ClientTest.java:9)"), "com.acme.ClientTest")).isEmpty();
        assertThat(StaticInitializers.outside(List.of(), "com.acme.ClientTest")).isEmpty();
    }
}
