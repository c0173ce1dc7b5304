package dev.parley.mirror.population;

import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import dev.parley.twin.model.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic people and their purchase histories, drawn from the {@link UserModel} against a
 * {@link Market}: each person's visit rate and budget are bootstrapped from the real customers',
 * and on each day of the history window a visit shows them their repertoire (what they bought
 * before, by taste) followed by products new to them drawn by popularity; the basket follows the
 * user model at list prices. Deterministic for a seed.
 */
public final class SyntheticPopulation {

    private final Market market;
    private final Shopper shopper;

    public SyntheticPopulation(Market market, UserModel model) {
        this.market = market;
        this.shopper = new Shopper(model);
    }

    /**
     * {@code count} people whose histories cover the {@code historyDays} days before {@code start}.
     */
    public List<Person> generate(int count, long seed, Instant start, int historyDays) {
        SplittableRandom root = new SplittableRandom(seed);
        List<Person> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            people.add(person("s" + (i + 1), root.split(), start, historyDays));
        }
        return people;
    }

    private Person person(String id, SplittableRandom random, Instant start, int historyDays) {
        double rate = market.drawVisitRate(random);
        BigDecimal budget = market.drawInvoiceTotal(random).multiply(BigDecimal.valueOf(shopper.model().budgetSlack()))
                .setScale(2, RoundingMode.CEILING);
        Money money = new Money(budget, market.products().get(0).listPrice().currency());
        Person shell = new Person(id, random.nextLong(), rate, money, List.of());
        List<Event> events = new ArrayList<>();
        Map<Sku, Instant> last = new HashMap<>();
        Map<Sku, Integer> quantity = new HashMap<>();
        List<Sku> repertoire = new ArrayList<>();
        List<Double> tastes = new ArrayList<>();
        Instant first = start.minus(Duration.ofDays(historyDays));
        for (int day = 0; day < historyDays; day++) {
            if (random.nextDouble() >= rate) {
                continue;
            }
            Instant now = first.plus(Duration.ofDays(day)).plusSeconds(10 * 3600);
            List<Shopper.Shown> shown = options(repertoire, quantity, random);
            for (Shopper.Pick pick : shopper.basket(shell, shown, last, now, random)) {
                Shopper.Shown s = shown.get(pick.index());
                events.add(Event.purchase(now, market.product(s.sku()), s.unitPrice(), s.quantity()));
                if (!last.containsKey(s.sku())) {
                    addByTaste(repertoire, tastes, s.sku(), shell.taste(s.sku(), shopper.model().tasteSd()));
                }
                last.put(s.sku(), now);
                quantity.put(s.sku(), s.quantity());
            }
        }
        return new Person(id, shell.tasteSeed(), rate, money, events);
    }

    /** Keeps the repertoire in the order a visit shows it: by the person's taste, best first (ties by SKU). */
    private static void addByTaste(List<Sku> repertoire, List<Double> tastes, Sku sku, double taste) {
        int at = 0;
        int hi = repertoire.size();
        while (at < hi) {
            int mid = (at + hi) >>> 1;
            double t = tastes.get(mid);
            if (t > taste || (t == taste && repertoire.get(mid).compareTo(sku) < 0)) {
                at = mid + 1;
            } else {
                hi = mid;
            }
        }
        repertoire.add(at, sku);
        tastes.add(at, taste);
    }

    private List<Shopper.Shown> options(List<Sku> repertoire, Map<Sku, Integer> quantity, SplittableRandom random) {
        Set<Sku> skus = new LinkedHashSet<>(repertoire);
        int novel = shopper.model().novelOptions();
        for (int tries = 0; tries < novel * 3 && skus.size() < repertoire.size() + novel; tries++) {
            skus.add(market.drawByPopularity(random).sku());
        }
        List<Shopper.Shown> shown = new ArrayList<>(skus.size());
        for (Sku sku : skus) {
            Product p = market.product(sku);
            shown.add(new Shopper.Shown(sku, p.listPrice(), p.listPrice(), quantity.getOrDefault(sku, market.usualQuantity(sku))));
        }
        return shown;
    }
}
