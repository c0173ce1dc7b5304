package dev.parley.mirror.tournament;

import dev.parley.protocol.money.Money;
import dev.parley.protocol.negotiation.TradeOff;
import dev.parley.twin.negotiation.TwinNegotiator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The twin agent's own negotiation strategy: one {@link TwinNegotiator} per negotiation, always
 * buying, as a twin negotiates. Its one line is priced at the buyer's preferred quantity and
 * delivery, and a deal on other terms is the price there that is worth as much to the buyer
 * ({@link #cost}), so that a deal on any terms is a price to the TwinNegotiator; its reservation
 * is the cost of the buyer's reservation utility, and it opens at a share of the seller's first
 * proposal (when the twin moves first, of the list price or of its reservation if that is
 * higher). The TwinNegotiator decides every acceptance, proposal and walk-away; the twin's
 * {@link TradeOff} turns a proposal into the terms costing the twin that much that the seller
 * most likely prefers, from the terms the seller proposed (the seller's own best proposal when
 * the twin asks no less than it).
 */
public final class TwinAgentStrategy implements Strategy {

    private static final BigDecimal ROUNDING = new BigDecimal("0.0001");

    private final BigDecimal openingShare;

    public TwinAgentStrategy(BigDecimal openingShare) {
        this.openingShare = openingShare;
    }

    @Override
    public String name() {
        return "twin-agent";
    }

    @Override
    public Optional<Role> fixedRole() {
        return Optional.of(Role.BUYER);
    }

    /**
     * The price at the buyer's preferred quantity and delivery that is worth {@code utility} to it,
     * to the hundredth of a cent; beyond the list price for outcomes worse than the list price there.
     */
    static Money cost(Scenario scenario, double utility, RoundingMode rounding) {
        Scenario.Side buyer = scenario.buyer();
        Bid best = TimeDependent.ownBest(scenario, Role.BUYER);
        double share = 1 - (utility - buyer.nonPrice(best.quantity(), best.delivery())) / buyer.priceWeight();
        BigDecimal span = scenario.high().amount().subtract(scenario.low().amount());
        BigDecimal amount = scenario.low().amount().add(span.multiply(BigDecimal.valueOf(share))).setScale(4, rounding);
        return new Money(amount.max(BigDecimal.ZERO), scenario.high().currency());
    }

    /** The utility to the buyer of a price at its preferred terms: the inverse of {@link #cost}. */
    static double utilityOf(Scenario scenario, Money cost) {
        Scenario.Side buyer = scenario.buyer();
        Bid best = TimeDependent.ownBest(scenario, Role.BUYER);
        double span = scenario.high().amount().subtract(scenario.low().amount()).doubleValue();
        double share = cost.amount().subtract(scenario.low().amount()).doubleValue() / span;
        return buyer.nonPrice(best.quantity(), best.delivery()) + buyer.priceWeight() * (1 - share);
    }

    @Override
    public Negotiant create(Scenario scenario, Role role, int deadline) {
        if (role != Role.BUYER) {
            throw new IllegalArgumentException("the twin buys");
        }
        // Rounded down: the twin never pays more than its reservation.
        Money reservation = cost(scenario, scenario.buyer().reservation(), RoundingMode.FLOOR);
        TradeOff tradeOff = new TradeOff(scenario.quantities().size(), scenario.deliveries().size());
        return new Negotiant() {
            TwinNegotiator twin;
            int offset;
            Bid bestReceived;

            @Override
            public Action move(Bid last, int round) {
                if (last != null) {
                    tradeOff.observe(last.quantity(), last.delivery());
                    if (bestReceived == null || scenario.utility(Role.BUYER, last) > scenario.utility(Role.BUYER, bestReceived)) {
                        bestReceived = last;
                    }
                }
                if (twin == null) {
                    // In the protocol the twin opens a thread; when the seller moves first its opening is the offer.
                    offset = last == null ? 0 : 1;
                    // Without an offer the list price stands for it, or the reservation when other terms take that beyond the list price.
                    Money offered = last == null ? scenario.high().max(reservation) : cost(scenario, scenario.utility(Role.BUYER, last), RoundingMode.CEILING);
                    twin = new TwinNegotiator(List.of(offered), List.of(reservation), List.of(1), deadline - offset, openingShare);
                    return propose(twin.open().prices().get(0));
                }
                // Rounded up: the twin never sees a counter as costing less than it does.
                Money counter = cost(scenario, scenario.utility(Role.BUYER, last), RoundingMode.CEILING);
                TwinNegotiator.Move m = twin.respond(List.of(counter), round - 1 - offset, false);
                if (m instanceof TwinNegotiator.Accept) {
                    return new Accept();
                }
                if (m instanceof TwinNegotiator.Propose p) {
                    return propose(p.prices().get(0));
                }
                return new Walk();
            }

            private Action propose(Money price) {
                Money bestCost = bestReceived == null ? null : cost(scenario, scenario.utility(Role.BUYER, bestReceived), RoundingMode.CEILING);
                if (bestCost != null && !bestCost.isGreaterThan(reservation) && bestCost.amount().subtract(ROUNDING).compareTo(price.amount()) <= 0) {
                    // The twin offers no less than the seller asked (to its rounding of prices): the seller's own terms are the ones it takes.
                    return new Propose(bestReceived);
                }
                double aim = utilityOf(scenario, price);
                List<Bid> bids = new ArrayList<>();
                for (int q = 0; q < scenario.quantities().size(); q++) {
                    for (int d = 0; d < scenario.deliveries().size(); d++) {
                        Money p = scenario.priceFor(Role.BUYER, aim, q, d);
                        if (p != null) {
                            bids.add(new Bid(p, q, d));
                        }
                    }
                }
                if (bids.isEmpty()) {
                    return new Propose(TimeDependent.ownBest(scenario, Role.BUYER));
                }
                double[] appeal = bids.stream().mapToDouble(b -> scenario.share(b.price())).toArray();
                return new Propose(bids.get(tradeOff.choose(bids.stream().map(b -> new int[] {b.quantity(), b.delivery()}).toList(), appeal)));
            }
        };
    }
}
