package dev.parley.mirror.population;

import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.twin.model.Event;
import dev.parley.twin.model.EventKind;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One simulated person: how often they shop, what a visit may cost, their personal tastes (a
 * seed, so a taste is computed, not stored) and the purchase history their twin learns from.
 *
 * @param visitRate the probability of a visit on any one day
 * @param budget    the money one visit may spend
 * @param history   the person's events before the simulation, oldest first
 */
public record Person(String id, long tasteSeed, double visitRate, Money budget, List<Event> history) {

    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(budget, "budget");
        history = List.copyOf(history);
        if (!(visitRate >= 0 && visitRate <= 1)) {
            throw new IllegalArgumentException("visit rate must be a probability: " + visitRate);
        }
    }

    /** The person's taste for a product: standard normal, fixed per person and product, times {@code sd}. */
    public double taste(Sku sku, double sd) {
        if (sd == 0) {
            return 0;
        }
        return sd * new SplittableRandom(tasteSeed ^ (sku.value().hashCode() * 0x9E3779B97F4A7C15L)).nextGaussian();
    }

    /** The number of baskets (purchase instants) in the history. */
    public long baskets() {
        return history.stream().filter(e -> e.kind() == EventKind.PURCHASE).map(Event::time).distinct().count();
    }
}
