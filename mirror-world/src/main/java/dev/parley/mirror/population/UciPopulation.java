package dev.parley.mirror.population;

import dev.parley.protocol.money.Money;
import dev.parley.twin.eval.Invoice;
import dev.parley.twin.model.Event;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * People bootstrapped from the real customers of the purchase history: each keeps their own
 * invoices as history, their own visit rate (invoices per day over the data's span) and, as
 * budget, their median invoice total times the user model's slack. Their tastes are drawn
 * (seeded by the customer id), the rest of the user model is shared.
 */
public final class UciPopulation {

    private UciPopulation() {}

    /** Up to {@code count} real customers, in customer-id order. */
    public static List<Person> of(Market market, UserModel model, int count) {
        Map<String, List<Invoice>> byCustomer = new java.util.TreeMap<>();
        for (Invoice invoice : market.history().invoices()) {
            byCustomer.computeIfAbsent(invoice.customer(), c -> new ArrayList<>()).add(invoice);
        }
        List<Invoice> all = market.history().invoices();
        double days = Math.max(1.0, Duration.between(all.get(0).time(), all.get(all.size() - 1).time()).toHours() / 24.0);
        List<Person> people = new ArrayList<>();
        for (Map.Entry<String, List<Invoice>> e : byCustomer.entrySet()) {
            if (people.size() >= count) {
                break;
            }
            List<Event> events = new ArrayList<>();
            List<BigDecimal> totals = new ArrayList<>();
            for (Invoice invoice : e.getValue()) {
                BigDecimal total = BigDecimal.ZERO;
                for (Invoice.Line line : invoice.lines()) {
                    events.add(Event.purchase(invoice.time(), market.product(line.sku()), line.unitPrice(), line.quantity()));
                    total = total.add(line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())));
                }
                totals.add(total);
            }
            totals.sort(null);
            BigDecimal budget = totals.get((totals.size() - 1) / 2).multiply(BigDecimal.valueOf(model.budgetSlack())).setScale(2, RoundingMode.CEILING);
            Money money = new Money(budget, market.products().get(0).listPrice().currency());
            double rate = Math.min(1.0, e.getValue().size() / days);
            people.add(new Person("c" + e.getKey(), e.getKey().hashCode() * 0x2545F4914F6CDD1DL, rate, money, events));
        }
        return people;
    }
}
