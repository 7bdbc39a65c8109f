package dev.threadhound.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a creation site reads in a summary: the library's frame and the callers that lead to it from outside. */
class CreationSitesTest {

    @Test
    void aLibraryCalledByTheApplicationNamesTheApplicationsCall() {
        assertThat(CreationSites.describe(List.of(
                "java.base/java.lang.Thread.start(Thread.java:809)",
                "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:357)",
                "io.netty.util.HashedWheelTimer.newTimeout(HashedWheelTimer.java:447)",
                "com.acme.billing.Billing.remind(Billing.java:20)",
                "com.acme.Main.main(Main.java:9)")))
                .isEqualTo("HashedWheelTimer.start(HashedWheelTimer.java:357) via Billing.remind(Billing.java:20)");
    }

    @Test
    void aLibraryCalledThroughAnotherNamesBothCallersOnce() {
        // Lettuce 7.7 starts Netty's timer for a client made per call: the application's frame is the third
        assertThat(CreationSites.describe(List.of(
                "io.netty.util.HashedWheelTimer.start(HashedWheelTimer.java:357)",
                "io.lettuce.core.resource.DefaultClientResources.<init>(DefaultClientResources.java:270)",
                "io.netty.util.concurrent.DefaultPromise.addListener(DefaultPromise.java:185)",
                "io.lettuce.core.RedisClient.create(RedisClient.java:150)",
                "com.acme.orders.Orders.connect(Orders.java:31)",
                "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)")))
                .isEqualTo("HashedWheelTimer.start(HashedWheelTimer.java:357)"
                        + " via DefaultClientResources.<init>(DefaultClientResources.java:270)"
                        + " via Orders.connect(Orders.java:31)");
    }

    @Test
    void theApplicationsOwnThreadHasNoCaller() {
        assertThat(CreationSites.describe(List.of(
                "com.acme.orders.Outbox.start(Outbox.java:12)",
                "com.acme.Main.main(Main.java:9)")))
                .isEqualTo("Outbox.start(Outbox.java:12)");
        assertThat(CreationSites.describe(List.of())).isEqualTo("an unknown site");
    }
}
