package dev.parley.mirror.population;

/**
 * The documented model of how a simulated person shops: the ground truth the twins in the Mirror
 * World act for (a twin never sees these numbers; it learns from the person's purchases).
 *
 * <p>On a visit the person is shown options in order (position {@code k = 0, 1, …}). Option
 * {@code j} (a product at unit price {@code p}, list price {@code r}) has the systematic utility
 *
 * <pre>
 *   V_j = intercept + habit·[bought before] − satiation·exp(−days since last bought / satiationDays)
 *         − fatigue·k − priceSensitivity·(p / r − 1) + taste_j
 * </pre>
 *
 * where {@code taste_j ~ N(0, tasteSd²)} is fixed per person and product. The no-buy option has
 * utility 0. The person chooses by multinomial logit (each utility plus an independent Gumbel
 * draw, the largest wins), buys the chosen option if it fits the money left of the visit's budget,
 * and chooses again among the rest until the no-buy option wins or nothing fits: the basket.
 *
 * <p>Utility in money: the price term makes one unit of utility worth {@code r / priceSensitivity}
 * of money for a product of list price {@code r}. The systematic willingness to pay per unit is the
 * price at which {@code V_j = 0}, {@code WTP_j = r·(1 + V_j(r) / priceSensitivity)} (what a twin's
 * mandate lets it pay in negotiation); the consumer surplus of a purchase is the utility it gave
 * over not buying at that pick (with the moment's draws, so never negative) in money, times the
 * quantity.
 *
 * @param intercept        the base utility of any option against not buying (calibrated: basket size)
 * @param habit            the extra utility of a product bought before (calibrated: repeat share)
 * @param satiation        the utility lost right after buying a product, fading with {@code satiationDays}
 * @param satiationDays    how fast satiation fades
 * @param fatigue          the utility lost per position down the list shown
 * @param priceSensitivity utility per unit of relative price ({@code p / r})
 * @param tasteSd          the spread of personal tastes across products
 * @param novelOptions     how many products new to the person a visit shows besides their repertoire
 * @param budgetSlack      a visit's budget as a multiple of a typical real invoice total
 */
public record UserModel(double intercept, double habit, double satiation, double satiationDays, double fatigue,
                        double priceSensitivity, double tasteSd, int novelOptions, double budgetSlack) {

    public UserModel {
        double[] all = {intercept, habit, satiation, satiationDays, fatigue, priceSensitivity, tasteSd, budgetSlack};
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("user model parameters must be finite");
            }
        }
        if (satiationDays <= 0 || priceSensitivity <= 0 || tasteSd < 0 || fatigue < 0 || satiation < 0 || budgetSlack <= 0) {
            throw new IllegalArgumentException("satiation_days, price_sensitivity and budget_slack must be positive; taste_sd, fatigue, satiation not negative");
        }
        if (novelOptions < 0 || novelOptions > 500) {
            throw new IllegalArgumentException("novel_options must be 0 to 500");
        }
    }

    /** Starting values before calibration (intercept and habit are then fitted to the real data). */
    public static UserModel initial() {
        return new UserModel(0.0, 1.0, 1.0, 14.0, 0.01, 4.0, 1.0, 60, 1.5);
    }

    /**
     * The model as fitted by {@link Calibration} on the UCI Online Retail invoices (600 synthetic
     * people, seed 7): the starting values with the fitted intercept and habit.
     */
    public static UserModel calibrated() {
        return initial().withIntercept(-0.0443).withHabit(-2.5794);
    }

    public UserModel withIntercept(double value) {
        return new UserModel(value, habit, satiation, satiationDays, fatigue, priceSensitivity, tasteSd, novelOptions, budgetSlack);
    }

    public UserModel withHabit(double value) {
        return new UserModel(intercept, value, satiation, satiationDays, fatigue, priceSensitivity, tasteSd, novelOptions, budgetSlack);
    }

    /** The systematic utility of an option; see the class comment. */
    public double utility(double taste, boolean boughtBefore, double daysSinceLast, int position, double priceRatio) {
        double v = intercept + taste - fatigue * position - priceSensitivity * (priceRatio - 1.0);
        if (boughtBefore) {
            v += habit - satiation * Math.exp(-daysSinceLast / satiationDays);
        }
        return v;
    }
}
