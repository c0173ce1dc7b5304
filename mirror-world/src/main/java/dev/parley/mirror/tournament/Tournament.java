package dev.parley.mirror.tournament;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A negotiation tournament: every ordered pair of the pool (the first of the pair moves first)
 * negotiates every scenario by stacked alternating offers. Roles rotate (the first of the pair
 * sells in odd scenarios, buys in even ones) except for strategies with a fixed role (the brand
 * agent sells, the twin agent buys); a pair whose fixed roles clash (brand against brand, twin
 * against twin) does not play. Deterministic for a seed.
 */
public final class Tournament {

    /** The result of one negotiation. */
    public record Game(int scenario, String seller, String buyer, boolean sellerFirst, Bid deal, int rounds,
                       double sellerUtility, double buyerUtility, double nashRatio) {}

    /**
     * One strategy's figures over every negotiation it took part in.
     *
     * @param agreementRate      share of its negotiations that ended in a deal
     * @param advantage          mean over its deals of (u − reservation) / (u_max − reservation), u_max being the most it
     *                           could get from a deal the other side would take ({@link Scenario#bestDeal}): the share it
     *                           claimed of what the zone of agreement held for it
     * @param gain               mean over its deals of (u − reservation) / (1 − reservation), the gain against its best
     *                           outcome whether or not any other side would take it
     * @param utility            mean utility over all its negotiations (its reservation when there was no deal)
     * @param nashRatio          mean over its deals of the deal's Nash product over the scenario's best
     * @param rounds             mean proposals to a deal
     * @param irrational         deals below its reservation (for the brand: below its floor; for the twin: above its budget)
     */
    public record Row(String strategy, int negotiations, double agreementRate, double advantage, double gain, double utility,
                      double nashRatio, double rounds, int irrational) {}

    /** The tournament's figures, one row per strategy in pool order, and every game. */
    public record Report(int scenarios, int deadline, long seed, List<Row> rows, List<Game> games) {
        public Report {
            rows = List.copyOf(rows);
            games = List.copyOf(games);
        }

        public Row row(String strategy) {
            return rows.stream().filter(r -> r.strategy().equals(strategy)).findFirst().orElseThrow();
        }
    }

    private final List<Strategy> pool;

    public Tournament(List<Strategy> pool) {
        this.pool = List.copyOf(pool);
    }

    public Report run(int scenarios, int deadline, long seed) {
        if (scenarios < 1 || deadline < 2) {
            throw new IllegalArgumentException("at least one scenario and a deadline of two proposals");
        }
        List<Scenario> all = Scenario.generate(scenarios, new SplittableRandom(seed));
        List<Game> games = new ArrayList<>();
        for (Scenario s : all) {
            for (Strategy a : pool) {
                for (Strategy b : pool) {
                    Role roleA = roleOfFirst(a, b, s.id());
                    if (roleA == null) {
                        continue;
                    }
                    Strategy seller = roleA == Role.SELLER ? a : b;
                    Strategy buyer = roleA == Role.SELLER ? b : a;
                    games.add(play(s, seller, buyer, roleA == Role.SELLER, deadline));
                }
            }
        }
        return new Report(scenarios, deadline, seed, rows(all, games), games);
    }

    /** The role the first of a pair takes in a scenario, or null when the pair cannot play. */
    static Role roleOfFirst(Strategy first, Strategy second, int scenario) {
        Role rotating = scenario % 2 == 1 ? Role.SELLER : Role.BUYER;
        if (first.fixedRole().isPresent() && second.fixedRole().isPresent()) {
            return first.fixedRole().get() == second.fixedRole().get() ? null : first.fixedRole().get();
        }
        if (first.fixedRole().isPresent()) {
            return first.fixedRole().get();
        }
        if (second.fixedRole().isPresent()) {
            return second.fixedRole().get().other();
        }
        return rotating;
    }

    /** One negotiation; the seller moves first when {@code sellerFirst}. */
    public static Game play(Scenario s, Strategy seller, Strategy buyer, boolean sellerFirst, int deadline) {
        Negotiant sell = seller.create(s, Role.SELLER, deadline);
        Negotiant buy = buyer.create(s, Role.BUYER, deadline);
        Bid standing = null;
        Bid deal = null;
        int rounds = 0;
        for (int round = 1; round <= deadline + 1; round++) {
            boolean sellerMoves = (round % 2 == 1) == sellerFirst;
            Negotiant.Action action = (sellerMoves ? sell : buy).move(standing, round);
            if (action instanceof Negotiant.Accept) {
                deal = standing;
                break;
            }
            if (!(action instanceof Negotiant.Propose p) || round > deadline) {
                break;
            }
            Bid bid = p.bid();
            if (bid.quantity() >= s.quantities().size() || bid.delivery() >= s.deliveries().size()) {
                throw new IllegalStateException(seller.name() + "/" + buyer.name() + " proposed an option the scenario does not have");
            }
            standing = new Bid(bid.price().max(s.low()).min(s.high()), bid.quantity(), bid.delivery());
            rounds = round;
        }
        double us = deal == null ? s.seller().reservation() : s.utility(Role.SELLER, deal);
        double ub = deal == null ? s.buyer().reservation() : s.utility(Role.BUYER, deal);
        double nash = 0;
        if (deal != null) {
            double best = s.bestNashProduct();
            double product = Math.max(0, us - s.seller().reservation()) * Math.max(0, ub - s.buyer().reservation());
            nash = best <= 0 ? 1 : product / best;
        }
        return new Game(s.id(), seller.name(), buyer.name(), sellerFirst, deal, rounds, us, ub, nash);
    }

    private List<Row> rows(List<Scenario> scenarios, List<Game> games) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        pool.forEach(p -> acc.put(p.name(), new double[8]));
        for (Game g : games) {
            Scenario s = scenarios.get(g.scenario() - 1);
            add(acc.get(g.seller()), g, g.sellerUtility(), s.seller().reservation(), s.bestDeal(Role.SELLER));
            add(acc.get(g.buyer()), g, g.buyerUtility(), s.buyer().reservation(), s.bestDeal(Role.BUYER));
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, double[]> e : acc.entrySet()) {
            double[] a = e.getValue();
            int n = (int) a[0];
            double deals = a[1];
            rows.add(new Row(e.getKey(), n, n == 0 ? 0 : deals / n, deals == 0 ? 0 : a[7] / deals, deals == 0 ? 0 : a[2] / deals, n == 0 ? 0 : a[3] / n,
                    deals == 0 ? 0 : a[4] / deals, deals == 0 ? 0 : a[5] / deals, (int) a[6]));
        }
        return rows;
    }

    private static void add(double[] a, Game g, double utility, double reservation, double bestDeal) {
        Objects.requireNonNull(a, "strategy outside the pool");
        a[0]++;
        a[3] += utility;
        if (g.deal() != null) {
            a[1]++;
            a[2] += (utility - reservation) / (1 - reservation);
            // A zone of agreement one cent wide leaves nothing to claim: the deal took all of it.
            a[7] += bestDeal - reservation < 1e-12 ? 1 : (utility - reservation) / (bestDeal - reservation);
            a[4] += g.nashRatio();
            a[5] += g.rounds();
            if (utility < reservation - 1e-9) {
                a[6]++;
            }
        }
    }
}
