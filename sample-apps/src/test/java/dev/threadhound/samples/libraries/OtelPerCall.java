package dev.threadhound.samples.libraries;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.time.Duration;
import java.util.Collection;

/**
 * A checkout service that builds its OpenTelemetry SDK per request (a tracer provider with a batch span processor, a
 * meter provider with a reader exporting every second, as a dashboard that wants fresh numbers sets it) and never
 * closes it: every request leaves the span processor's thread and the reader's scheduler behind, and the scheduler
 * is never idle for long, its export running every second. {@code --fixed}: one SDK for the service, closed as it
 * ends.
 */
public final class OtelPerCall {

    private OtelPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        OpenTelemetrySdk shared = fixed ? sdk() : null;
        int requests = 20;
        for (int i = 0; i < requests; i++) {
            checkout(fixed ? shared : sdk(), i);
            Thread.sleep(150);
        }
        System.out.println("otel: " + requests + " checkouts; done");
        // idle for longer than stuckAfter: the leaked processors wait for spans, the readers export for nobody
        Thread.sleep(5_000);
        if (shared != null) {
            shared.close();
        }
        System.exit(0);
    }

    private static OpenTelemetrySdk sdk() {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(new DiscardedSpans()).build())
                        .build())
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(new DiscardedMetrics())
                                .setInterval(Duration.ofSeconds(1)).build())
                        .build())
                .build();
    }

    private static void checkout(OpenTelemetrySdk otel, int order) {
        otel.getTracer("checkout").spanBuilder("checkout").startSpan().end();
        otel.getMeter("checkout").counterBuilder("orders").build()
                .add(1, Attributes.of(AttributeKey.longKey("shard"), (long) (order % 4)));
    }

    /** Where spans and metrics would go: nowhere, the service's collector being beside the point. */
    private abstract static class Discarding {

        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static final class DiscardedSpans extends Discarding implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static final class DiscardedMetrics extends Discarding implements MetricExporter {

        @Override
        public CompletableResultCode export(Collection<MetricData> metrics) {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
        }
    }
}
