package dev.parley.mirror.tournament;

import dev.parley.protocol.money.Money;
import dev.parley.twin.negotiation.TwinNegotiator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The twin agent's own negotiation strategy: its {@link TwinNegotiator}, always buying, within the
 * reservation price its mandate allows (the price that leaves the buyer its reservation utility for
 * the quantity and delivery on the table), opening at a share of the seller's first price (of the
 * list price when the twin moves first). The twin takes the seller's quantity and delivery when it
 * can buy them within its mandate, else it asks its own best.
 */
public final class TwinAgentStrategy implements Strategy {

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

    @Override
    public Negotiant create(Scenario scenario, Role role, int deadline) {
        if (role != Role.BUYER) {
            throw new IllegalArgumentException("the twin buys");
        }
        double reservation = scenario.buyer().reservation();
        return new Negotiant() {
            Money offered;

            @Override
            public Action move(Bid last, int round) {
                if (offered == null) {
                    offered = last == null ? scenario.high() : last.price();
                }
                Bid own = ownBestWithin();
                if (last == null) {
                    TwinNegotiator twin = twin(own);
                    return new Propose(clamp(twin.open().prices().get(0), own));
                }
                Money limit = scenario.priceFor(Role.BUYER, reservation, last.quantity(), last.delivery());
                if (limit == null) {
                    // The seller's terms are beyond the mandate whatever the price: ask for the twin's own.
                    TwinNegotiator.Move m = twin(own).respond(List.of(scenario.high()), round - 1, false);
                    if (m instanceof TwinNegotiator.Propose p) {
                        return new Propose(clamp(p.prices().get(0), own));
                    }
                    return m instanceof TwinNegotiator.Walk ? new Walk() : new Propose(new Bid(
                            scenario.priceFor(Role.BUYER, reservation, own.quantity(), own.delivery()), own.quantity(), own.delivery()));
                }
                TwinNegotiator twin = new TwinNegotiator(List.of(offered), List.of(limit), List.of(1), deadline, openingShare);
                TwinNegotiator.Move m = twin.respond(List.of(last.price()), round - 1, round > deadline);
                if (m instanceof TwinNegotiator.Accept) {
                    return new Accept();
                }
                if (m instanceof TwinNegotiator.Propose p) {
                    return new Propose(clamp(p.prices().get(0), last));
                }
                return new Walk();
            }

            private TwinNegotiator twin(Bid terms) {
                Money limit = scenario.priceFor(Role.BUYER, reservation, terms.quantity(), terms.delivery());
                return new TwinNegotiator(List.of(offered), List.of(limit), List.of(1), deadline, openingShare);
            }

            /** The buyer's best quantity and delivery; it always has a price within the mandate (its reservation is below 1). */
            private Bid ownBestWithin() {
                return TimeDependent.ownBest(scenario, Role.BUYER);
            }

            private Bid clamp(Money price, Bid terms) {
                return new Bid(price.max(scenario.low()).min(scenario.high()), terms.quantity(), terms.delivery());
            }
        };
    }
}
