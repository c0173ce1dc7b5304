package dev.parley.mirror.tournament;

import dev.parley.brand.negotiation.NegotiationThread;
import dev.parley.brand.negotiation.Negotiator;
import dev.parley.brand.negotiation.Outcome;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.LineTerms;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The brand agent's own negotiation strategy: its {@link Negotiator}, with the concession curve
 * of a brand policy, always selling. The list price is the top of the scenario's range and the
 * floor is the price that leaves the brand its reservation utility for the quantity and delivery
 * on the table; the brand takes the other side's quantity and delivery when it can meet them
 * above its floor, else it proposes its own best. Every move is the Negotiator's: its counter,
 * its agreement, or its close at the round limit.
 */
public final class BrandAgentStrategy implements Strategy {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Sku SKU = Sku.of("DEAL");

    private final BrandPolicy policy;

    public BrandAgentStrategy(BrandPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "brand-agent";
    }

    @Override
    public Optional<Role> fixedRole() {
        return Optional.of(Role.SELLER);
    }

    @Override
    public Negotiant create(Scenario scenario, Role role, int deadline) {
        if (role != Role.SELLER) {
            throw new IllegalArgumentException("the brand agent sells");
        }
        Negotiator negotiator = new Negotiator(deadline, Duration.ofDays(1), policy.negotiation().strategy());
        double reservation = scenario.seller().reservation();
        return new Negotiant() {
            Money standing;

            @Override
            public Action move(Bid last, int round) {
                if (last == null) {
                    Bid open = TimeDependent.ownBest(scenario, Role.SELLER);
                    standing = open.price();
                    return new Propose(open);
                }
                Money floor = scenario.priceFor(Role.SELLER, reservation, last.quantity(), last.delivery());
                int q = last.quantity();
                int d = last.delivery();
                if (floor == null) {
                    Bid own = TimeDependent.ownBest(scenario, Role.SELLER);
                    q = own.quantity();
                    d = own.delivery();
                    floor = scenario.priceFor(Role.SELLER, reservation, q, d);
                }
                LineTerms terms = new LineTerms(SKU, 1, scenario.high(), scenario.high(), floor, floor, List.of());
                Outcome outcome;
                try {
                    if (standing == null) {
                        outcome = negotiator.open("t", "twin", "offer", "standard", List.of(terms), List.of(last.price()), "m1", NOW);
                    } else {
                        NegotiationThread thread = new NegotiationThread("t", "twin", "offer", "standard", List.of(terms), round - 2,
                                NegotiationThread.Party.BRAND, List.of(standing), "m" + (round - 2), NOW, NOW.plus(Duration.ofDays(1)),
                                NegotiationThread.Status.OPEN, null);
                        outcome = negotiator.counter(thread, round - 1, List.of(last.price()), "m" + (round - 1), NOW);
                    }
                } catch (ProtocolException e) {
                    return new Walk();
                }
                boolean sameTerms = q == last.quantity() && d == last.delivery();
                if (outcome instanceof Outcome.Agreed && sameTerms) {
                    return new Accept();
                }
                if (outcome instanceof Outcome.Counter counter) {
                    standing = counter.lines().get(0).unitPrice();
                    return new Propose(new Bid(standing, q, d));
                }
                if (outcome instanceof Outcome.Agreed) {
                    standing = negotiator.aspiration(outcome.thread(), Math.min(round, deadline), NOW).get(0);
                    return new Propose(new Bid(standing, q, d));
                }
                return new Walk();
            }
        };
    }
}
