package dev.parley.brand.policy;

import java.math.BigDecimal;

/** Checks of the shares and discounts a policy states as decimal fractions. */
final class Ratios {

    private Ratios() {}

    static void check(String what, BigDecimal ratio) {
        if (ratio == null || ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(what + " must be a fraction between 0 and 1, not " + (ratio == null ? "missing" : ratio.toPlainString()));
        }
    }
}
