package dev.parley.mirror.world;

import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

/**
 * What one strategy did over a run. Money is exact; margin and surplus are signed amounts in the
 * policy's currency (a sale below cost or a purchase the person regrets makes them negative).
 *
 * @param revenue      what the twins paid
 * @param margin       revenue minus the brand's cost of the units sold
 * @param visits       twin visits (each asks the brand for offers)
 * @param orders       visits that ended in a basket (one order each)
 * @param discount     list value minus revenue of what was sold
 * @param listValue    what was sold, at list prices
 * @param surplus      the people's consumer surplus: willingness to pay minus price, summed over purchases
 * @param negotiations threads opened
 * @param agreements   threads that ended in agreement
 * @param rounds       messages exchanged in all threads
 * @param days         figures per day
 * @param surplusPerTwin each twin's surplus over the run, in twin order
 * @param revenueByPriorOrders revenue by the twin's earlier order count at the time of the order (capped at {@link #ORDERS_CAP})
 * @param messages     signed messages verified (0 with signing off)
 */
public record StrategyResult(String name, Money revenue, BigDecimal margin, long visits, long orders, long units, Money discount,
                             Money listValue, BigDecimal surplus, long negotiations, long agreements, long rounds,
                             List<Day> days, List<BigDecimal> surplusPerTwin, Map<Integer, Money> revenueByPriorOrders,
                             List<GoalResult> goals, long messages) {

    /** Order counts at or above this are counted together. */
    public static final int ORDERS_CAP = 50;

    public StrategyResult {
        days = List.copyOf(days);
        surplusPerTwin = List.copyOf(surplusPerTwin);
        revenueByPriorOrders = Map.copyOf(revenueByPriorOrders);
        goals = List.copyOf(goals);
    }

    /** One day's figures. */
    public record Day(int day, Money revenue, BigDecimal margin, long visits, long orders, long units) {}

    /**
     * How a policy goal was met: revenue from the twins the goal's tier is for (those with at
     * least {@code minOrders} earlier orders) against the same twins' revenue under the baseline
     * strategy (the first one of the run), and against the goal's uplift.
     */
    public record GoalResult(String tier, int minOrders, BigDecimal targetUplift, Money revenue, Money baselineRevenue) {
        /** The achieved uplift over the baseline, or null without baseline revenue. */
        public BigDecimal uplift() {
            if (baselineRevenue.amount().signum() == 0) {
                return null;
            }
            return revenue.amount().divide(baselineRevenue.amount(), MathContext.DECIMAL64).subtract(BigDecimal.ONE);
        }

        public boolean met() {
            BigDecimal u = uplift();
            return u != null && u.compareTo(targetUplift) >= 0;
        }
    }

    public double conversion() {
        return visits == 0 ? 0 : (double) orders / visits;
    }

    /** The average discount off list of what was sold, as a fraction. */
    public double averageDiscount() {
        return listValue.amount().signum() == 0 ? 0 : discount.amount().divide(listValue.amount(), MathContext.DECIMAL64).doubleValue();
    }

    public double agreementRate() {
        return negotiations == 0 ? 0 : (double) agreements / negotiations;
    }

    public double meanRounds() {
        return negotiations == 0 ? 0 : (double) rounds / negotiations;
    }

    /** Revenue from twins with at least {@code minOrders} earlier orders. */
    public Money revenueFrom(int minOrders) {
        Money sum = Money.zero(revenue.currency());
        for (Map.Entry<Integer, Money> e : revenueByPriorOrders.entrySet()) {
            if (e.getKey() >= Math.min(minOrders, ORDERS_CAP)) {
                sum = sum.plus(e.getValue());
            }
        }
        return sum;
    }
}
