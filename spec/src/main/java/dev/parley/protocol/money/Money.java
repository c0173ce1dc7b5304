package dev.parley.protocol.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact, non-negative amount of one ISO 4217 currency. On the wire it is
 * {@code {"amount":"12.50","currency":"EUR"}}: the amount is a decimal string, never a JSON number.
 * Amounts carry at most {@value #MAX_FRACTION_DIGITS} fraction digits (unit prices of small items
 * are often quoted below the currency's minor unit).
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** The largest number of fraction digits an amount may carry. */
    public static final int MAX_FRACTION_DIGITS = 4;

    /** The wire syntax of an amount: no sign, no exponent, no leading zeros, up to 4 decimals. */
    public static final Pattern AMOUNT_SYNTAX = Pattern.compile("(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?");
    private static final Pattern CURRENCY_SYNTAX = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount.toPlainString());
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > MAX_FRACTION_DIGITS) {
            throw new IllegalArgumentException(
                    "amount has more than " + MAX_FRACTION_DIGITS + " fraction digits: " + amount.toPlainString());
        }
        if (stripped.precision() - stripped.scale() > 15) {
            throw new IllegalArgumentException("amount has more than 15 integer digits: " + amount.toPlainString());
        }
        amount = stripped.setScale(Math.max(minorDigits(currency), Math.max(0, stripped.scale())), RoundingMode.UNNECESSARY);
    }

    /** Parses a wire amount ({@link #AMOUNT_SYNTAX}) and an ISO 4217 code. */
    public static Money of(String amount, String currencyCode) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currencyCode, "currency");
        if (!AMOUNT_SYNTAX.matcher(amount).matches()) {
            throw new IllegalArgumentException("not a Parley amount (decimal string, up to 4 decimals): \"" + amount + "\"");
        }
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return new Money(amount, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    private static Currency currency(String code) {
        if (code == null || !CURRENCY_SYNTAX.matcher(code).matches()) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: \"" + code + "\"");
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code: \"" + code + "\"", e);
        }
    }

    private static int minorDigits(Currency currency) {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    /** The amount's wire form, e.g. {@code "12.50"}. */
    public String amountString() {
        return amount.toPlainString();
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /** This minus {@code other}; fails if the result would be negative. */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public Money times(long quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /**
     * This amount times a non-negative factor, rounded half-even to the currency's minor unit
     * (or kept at this amount's own scale where that is finer).
     */
    public Money times(BigDecimal factor, RoundingMode rounding) {
        if (factor.signum() < 0) {
            throw new IllegalArgumentException("factor must not be negative: " + factor.toPlainString());
        }
        int scale = Math.min(MAX_FRACTION_DIGITS, Math.max(minorDigits(currency), amount.scale()));
        return new Money(amount.multiply(factor).setScale(scale, rounding), currency);
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** Orders amounts of the same currency; comparing different currencies is an error. */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "currency mismatch: " + currency.getCurrencyCode() + " vs " + other.currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return amountString() + " " + currencyCode();
    }
}
