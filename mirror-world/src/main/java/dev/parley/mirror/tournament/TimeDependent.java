package dev.parley.mirror.tournament;

import dev.parley.brand.policy.ConcessionCurve;
import dev.parley.protocol.money.Money;

/**
 * Time-dependent tactics (Faratin, Sierra &amp; Jennings), on the brand agent's own
 * {@link ConcessionCurve}. The convention: at its message number {@code n} of a deadline of
 * {@code N}, with {@code t = (n − 1) / (N − 1)}, a side aims at the utility
 * {@code 1 − (1 − reservation)·conceded(t)}; it proposes the outcome that reaches that aim and is
 * best for the other side on price (the direction of price is common knowledge, the other issues'
 * values are private); it accepts a standing proposal worth at least what it would propose next
 * (AC-next), and after the deadline one worth at least its reservation.
 */
public final class TimeDependent implements Strategy {

    private final String name;
    private final ConcessionCurve curve;

    public TimeDependent(String name, ConcessionCurve curve) {
        this.name = name;
        this.curve = curve;
    }

    public static TimeDependent boulware() {
        return new TimeDependent("boulware", ConcessionCurve.boulware());
    }

    public static TimeDependent linear() {
        return new TimeDependent("linear", ConcessionCurve.linear());
    }

    public static TimeDependent conceder() {
        return new TimeDependent("conceder", ConcessionCurve.conceder());
    }

    public static TimeDependent hardliner() {
        return new TimeDependent("hardliner", ConcessionCurve.hardliner());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Negotiant create(Scenario scenario, Role role, int deadline) {
        double reservation = scenario.side(role).reservation();
        return (last, round) -> {
            double t = deadline <= 1 ? 1 : (round - 1) / (double) (deadline - 1);
            double aim = 1 - (1 - reservation) * curve.conceded(t);
            return aspire(scenario, role, aim, last, round, deadline);
        };
    }

    /** The AC-next move for an aim: accept what is worth the aim, else propose the aim (or, at the deadline, accept above the reservation). */
    static Negotiant.Action aspire(Scenario scenario, Role role, double aim, Bid last, int round, int deadline) {
        double reservation = scenario.side(role).reservation();
        if (round > deadline) {
            return last != null && scenario.utility(role, last) >= reservation ? new Negotiant.Accept() : new Negotiant.Walk();
        }
        Bid bid = bidFor(scenario, role, aim);
        if (last != null && scenario.utility(role, last) >= scenario.utility(role, bid)) {
            return new Negotiant.Accept();
        }
        return new Negotiant.Propose(bid);
    }

    /** The outcome reaching {@code aim} that is best for the other side on price. */
    static Bid bidFor(Scenario scenario, Role role, double aim) {
        Bid best = null;
        for (int q = 0; q < scenario.quantities().size(); q++) {
            for (int d = 0; d < scenario.deliveries().size(); d++) {
                Money price = scenario.priceFor(role, aim, q, d);
                if (price == null) {
                    continue;
                }
                boolean better = best == null || (role == Role.SELLER ? price.isLessThan(best.price()) : price.isGreaterThan(best.price()));
                if (better) {
                    best = new Bid(price, q, d);
                }
            }
        }
        return best != null ? best : ownBest(scenario, role);
    }

    /** A side's best outcome: its best quantity and delivery at the end of the range it prefers. */
    static Bid ownBest(Scenario scenario, Role role) {
        Scenario.Side side = scenario.side(role);
        int bq = 0;
        int bd = 0;
        for (int q = 0; q < scenario.quantities().size(); q++) {
            for (int d = 0; d < scenario.deliveries().size(); d++) {
                if (side.nonPrice(q, d) > side.nonPrice(bq, bd)) {
                    bq = q;
                    bd = d;
                }
            }
        }
        return new Bid(role == Role.SELLER ? scenario.high() : scenario.low(), bq, bd);
    }
}
