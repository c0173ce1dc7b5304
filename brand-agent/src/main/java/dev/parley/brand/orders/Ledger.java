package dev.parley.brand.orders;

import dev.parley.brand.shared.SharedState;
import dev.parley.protocol.money.Money;
import java.util.Currency;

/**
 * Running totals shared by every node of the brand: discount spent and revenue per tier and goal
 * period (what paces a goal), and orders per twin key (what earns a tier).
 */
public final class Ledger {

    static final String COUNTERS = "parley.counters";

    private final SharedState state;

    public Ledger(SharedState state) {
        this.state = state;
    }

    public Money spent(String periodKey, Currency currency) {
        return amount("spent:" + periodKey, currency);
    }

    public Money revenue(String periodKey, Currency currency) {
        return amount("revenue:" + periodKey, currency);
    }

    /** Counts a confirmed order's revenue and discount against its tier's period. */
    public void record(String periodKey, Money revenue, Money discount) {
        add("revenue:" + periodKey, revenue);
        add("spent:" + periodKey, discount);
    }

    /** Takes back what {@link #record} counted, for a cancelled order. */
    public void reverse(String periodKey, Money revenue, Money discount) {
        subtract("revenue:" + periodKey, revenue);
        subtract("spent:" + periodKey, discount);
    }

    public int orders(String twin) {
        return state.get(COUNTERS, "orders:" + twin).map(Integer::parseInt).orElse(0);
    }

    public void addOrders(String twin, int delta) {
        String key = "orders:" + twin;
        state.locked(COUNTERS, key, () -> {
            state.put(COUNTERS, key, Integer.toString(Math.max(0, orders(twin) + delta)));
            return null;
        });
    }

    private Money amount(String key, Currency currency) {
        return state.get(COUNTERS, key).map(v -> Money.of(v, currency.getCurrencyCode())).orElse(Money.zero(currency));
    }

    private void add(String key, Money value) {
        state.locked(COUNTERS, key, () -> {
            state.put(COUNTERS, key, amount(key, value.currency()).plus(value).amountString());
            return null;
        });
    }

    private void subtract(String key, Money value) {
        state.locked(COUNTERS, key, () -> {
            Money current = amount(key, value.currency());
            state.put(COUNTERS, key, (current.isLessThan(value) ? Money.zero(value.currency()) : current.minus(value)).amountString());
            return null;
        });
    }
}
