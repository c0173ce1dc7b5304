package dev.parley.twin;

import dev.parley.protocol.money.Money;
import java.util.Objects;

/**
 * What the person lets the twin do: spend at most {@code perDay} and {@code perWeek}, at most
 * {@code perItem} on one item, negotiate at most {@code maxRounds} rounds, and buy without asking
 * only up to {@code autoBuyLimit} an item (zero by default: nothing is bought without approval).
 */
public record Mandate(Money perDay, Money perWeek, Money perItem, int maxRounds, Money autoBuyLimit) {

    public Mandate {
        Objects.requireNonNull(perDay, "perDay");
        Objects.requireNonNull(perWeek, "perWeek");
        Objects.requireNonNull(perItem, "perItem");
        autoBuyLimit = autoBuyLimit == null ? Money.zero(perItem.currency()) : autoBuyLimit;
        for (Money m : new Money[] {perWeek, perItem, autoBuyLimit}) {
            if (!m.currency().equals(perDay.currency())) {
                throw new IllegalArgumentException("a mandate is in one currency: " + perDay.currencyCode() + " and " + m.currencyCode());
            }
        }
        if (maxRounds < 1 || maxRounds > 100) {
            throw new IllegalArgumentException("max_rounds must be 1 to 100");
        }
        if (perItem.isGreaterThan(perWeek) && perDay.isGreaterThan(perWeek)) {
            throw new IllegalArgumentException("the weekly budget cannot be below the daily and item budgets");
        }
    }

    public String currency() {
        return perDay.currencyCode();
    }

    /** A mandate with no auto-buy, for {@code perItem} items up to {@code perDay} a day and 7 × that a week. */
    public static Mandate of(Money perDay, Money perItem, int maxRounds) {
        return new Mandate(perDay, perDay.times(7), perItem, maxRounds, null);
    }
}
