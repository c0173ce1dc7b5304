package dev.parley.brand.service;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.money.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a brand node counts, for Prometheus at {@code /metrics}: requests by type and outcome,
 * errors by code, offers made, negotiations opened, agreed and closed (and the acceptance rate
 * they give), orders and revenue. Revenue is exported as a floating-point sample because that is
 * what the exposition format carries; it is never used for accounting.
 */
public final class BrandMetrics {

    private final MeterRegistry registry;
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong agreed = new AtomicLong();

    public BrandMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("parley_negotiation_acceptance_ratio", this, m -> m.opened.get() == 0 ? 0.0 : (double) m.agreed.get() / m.opened.get())
                .description("Share of negotiation threads that ended in a quote")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    void request(String type, ErrorCode error, Duration took) {
        Timer.builder("parley_requests").tag("type", type).tag("outcome", error == null ? "ok" : "error")
                .description("Messages posted to the node").register(registry).record(took);
        if (error != null) {
            Counter.builder("parley_errors").tag("code", error.wire()).description("Error answers by code").register(registry).increment();
        }
    }

    void offers(int count) {
        Counter.builder("parley_offers").description("Personal offers made").register(registry).increment(count);
    }

    void negotiation(String outcome) {
        if (outcome.equals("opened")) {
            opened.incrementAndGet();
        } else if (outcome.equals("agreed")) {
            agreed.incrementAndGet();
        }
        Counter.builder("parley_negotiations").tag("outcome", outcome).description("Negotiation threads by step").register(registry).increment();
    }

    void order(Money total) {
        Counter.builder("parley_orders").description("Orders confirmed").register(registry).increment();
        Counter.builder("parley_revenue").tag("currency", total.currencyCode()).description("Revenue of confirmed orders")
                .register(registry).increment(total.amount().doubleValue());
    }

    void feedback(String signal) {
        Counter.builder("parley_feedback").tag("signal", signal).description("Feedback signals received").register(registry).increment();
    }
}
