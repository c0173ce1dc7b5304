package dev.parley.mirror.tournament;

import dev.parley.brand.negotiation.NegotiationThread;
import dev.parley.brand.negotiation.Negotiator;
import dev.parley.brand.negotiation.Outcome;
import dev.parley.protocol.negotiation.TradeOff;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.LineTerms;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The brand agent's own negotiation strategy: its {@link Negotiator}, with the concession curve
 * of a brand policy, always selling, on one thread kept from move to move as a brand node keeps
 * it. The thread's one line prices the brand's utility of a deal in money ({@link #worth}: the
 * list price for its best outcome, and in proportion below it), so that a deal on any terms is a
 * price to the Negotiator, and its floor is the worth of the brand's reservation. The Negotiator
 * decides every acceptance, counter and close; the brand's {@link TradeOff} turns a counter into
 * the terms worth that much to the brand that the buyer most likely prefers, from the terms the
 * buyer proposed (the buyer's own best proposal when the counter asks no more than it).
 */
public final class BrandAgentStrategy implements Strategy {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Sku SKU = Sku.of("DEAL");
    private static final BigDecimal ROUNDING = new BigDecimal("0.0001");

    private final BrandPolicy policy;

    public BrandAgentStrategy(BrandPolicy policy) {
        this.policy = policy;
    }

    /** A utility of the brand's in money: the list price times the utility, to the hundredth of a cent. */
    static Money worth(Scenario scenario, double utility, RoundingMode rounding) {
        BigDecimal amount = scenario.high().amount().multiply(BigDecimal.valueOf(utility)).setScale(4, rounding);
        return new Money(amount.max(BigDecimal.ZERO), scenario.high().currency());
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
        Bid best = TimeDependent.ownBest(scenario, Role.SELLER);
        Money floor = worth(scenario, scenario.seller().reservation(), RoundingMode.CEILING);
        LineTerms terms = new LineTerms(SKU, 1, scenario.high(), scenario.high(), floor, floor, List.of());
        TradeOff tradeOff = new TradeOff(scenario.quantities().size(), scenario.deliveries().size());
        return new Negotiant() {
            Negotiator negotiator;
            NegotiationThread thread;
            int offset;
            Bid bestReceived;

            @Override
            public Action move(Bid last, int round) {
                if (negotiator == null) {
                    // In the protocol the twin opens a thread; when the brand moves first its opening is the offer itself.
                    offset = last == null ? 1 : 0;
                    negotiator = new Negotiator(deadline - offset, Duration.ofDays(1), policy.negotiation().strategy());
                    if (last == null) {
                        return new Propose(best);
                    }
                }
                tradeOff.observe(last.quantity(), last.delivery());
                if (bestReceived == null || scenario.utility(Role.SELLER, last) > scenario.utility(Role.SELLER, bestReceived)) {
                    bestReceived = last;
                }
                // Rounded down: the Negotiator never sees a proposal as worth more than it is.
                Money worth = worth(scenario, scenario.utility(Role.SELLER, last), RoundingMode.FLOOR);
                int twinRound = round - 1 - offset;
                Outcome outcome;
                try {
                    outcome = thread == null
                            ? negotiator.open("t", "twin", "offer", "standard", List.of(terms), List.of(worth), "m" + twinRound, NOW)
                            : negotiator.counter(thread, twinRound, List.of(worth), "m" + twinRound, NOW);
                } catch (ProtocolException e) {
                    return new Walk();
                }
                if (outcome instanceof Outcome.Agreed) {
                    return new Accept();
                }
                if (outcome instanceof Outcome.Counter counter) {
                    thread = counter.thread();
                    Money price = counter.lines().get(0).unitPrice();
                    BigDecimal offered = worth(scenario, scenario.utility(Role.SELLER, bestReceived), RoundingMode.UP).amount();
                    if (offered.add(ROUNDING).compareTo(price.amount()) >= 0) {
                        // The Negotiator holds out for no more than the buyer offered (to its rounding of prices):
                        // the buyer's own terms are the ones it takes.
                        return new Propose(bestReceived);
                    }
                    return new Propose(termsFor(price.amount().doubleValue() / scenario.high().amount().doubleValue()));
                }
                return new Walk();
            }

            /** The terms worth {@code aim} (or a little more, on the cent) to the brand that the buyer most likely prefers. */
            private Bid termsFor(double aim) {
                List<Bid> bids = new ArrayList<>();
                for (int q = 0; q < scenario.quantities().size(); q++) {
                    for (int d = 0; d < scenario.deliveries().size(); d++) {
                        Money price = scenario.priceFor(Role.SELLER, aim, q, d);
                        if (price != null) {
                            bids.add(new Bid(price, q, d));
                        }
                    }
                }
                double[] appeal = bids.stream().mapToDouble(b -> 1 - scenario.share(b.price())).toArray();
                return bids.get(tradeOff.choose(bids.stream().map(b -> new int[] {b.quantity(), b.delivery()}).toList(), appeal));
            }
        };
    }
}
