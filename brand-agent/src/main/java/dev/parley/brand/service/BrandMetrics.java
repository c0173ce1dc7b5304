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
    private final java.util.Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

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
        String outcome = error == null ? "ok" : "error";
        timers.computeIfAbsent(type + ' ' + outcome, k -> Timer.builder("parley_requests").tag("type", type).tag("outcome", outcome)
                .description("Messages posted to the node").register(registry)).record(took);
        if (error != null) {
            counter("parley_errors", "code", error.wire(), "Error answers by code").increment();
        }
    }

    /** A counter, registered once and then reused (meters are looked up on every request otherwise). */
    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + ' ' + tag + ' ' + value, k -> {
            Counter.Builder builder = Counter.builder(name).description(description);
            if (tag != null) {
                builder.tag(tag, value);
            }
            return builder.register(registry);
        });
    }

    void offers(int count) {
        counter("parley_offers", null, null, "Personal offers made").increment(count);
    }

    void negotiation(String outcome) {
        if (outcome.equals("opened")) {
            opened.incrementAndGet();
        } else if (outcome.equals("agreed")) {
            agreed.incrementAndGet();
        }
        counter("parley_negotiations", "outcome", outcome, "Negotiation threads by step").increment();
    }

    void order(Money total) {
        counter("parley_orders", null, null, "Orders confirmed").increment();
        counter("parley_revenue", "currency", total.currencyCode(), "Revenue of confirmed orders").increment(total.amount().doubleValue());
    }

    void feedback(String signal) {
        counter("parley_feedback", "signal", signal, "Feedback signals received").increment();
    }
}
