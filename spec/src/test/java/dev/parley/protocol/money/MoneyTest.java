package dev.parley.protocol.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void of_normalizesToTheCurrencysMinorUnit() {
        assertEquals("12.50", Money.of("12.5", "EUR").amountString());
        assertEquals("3", Money.of("3", "JPY").amountString());
        assertEquals("0.085", Money.of("0.085", "GBP").amountString());
    }

    @Test
    void equalAmountsWrittenDifferently_areEqual() {
        assertEquals(Money.of("1.5", "EUR"), Money.of("1.50", "EUR"));
        assertEquals(Money.of("1.5", "EUR"), Money.of(new BigDecimal("1.5000"), "EUR"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1e3", "01.5", "1.23456", " 1", "1.", ".5", "NaN", "1,5", ""})
    void of_rejectsAmountsOutsideTheWireSyntax(String amount) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Money.of(amount, "EUR"));
        assertTrue(e.getMessage().contains("amount"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "XYZ", "EURO", ""})
    void of_rejectsUnknownCurrencies(String currency) {
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", currency));
    }

    @Test
    void constructor_rejectsNegativeAndTooPreciseAmounts() {
        assertThrows(IllegalArgumentException.class, () -> Money.of(new BigDecimal("-0.01"), "EUR"));
        assertThrows(IllegalArgumentException.class, () -> Money.of(new BigDecimal("0.00001"), "EUR"));
        assertThrows(IllegalArgumentException.class, () -> Money.of(new BigDecimal("1234567890123456"), "EUR"));
    }

    @Test
    void arithmetic_isExact() {
        Money price = Money.of("0.10", "EUR");
        Money sum = Money.zero(price.currency());
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(price);
        }
        assertEquals(Money.of("1.00", "EUR"), sum);
        assertEquals(Money.of("2.55", "EUR").times(3), Money.of("7.65", "EUR"));
        assertEquals(Money.of("8.50", "EUR"), Money.of("10.00", "EUR").minus(Money.of("1.50", "EUR")));
    }

    @Test
    void timesFactor_roundsHalfEvenToTheMinorUnit() {
        assertEquals(Money.of("10.12", "EUR"), Money.of("11.25", "EUR").times(new BigDecimal("0.9"), RoundingMode.HALF_EVEN));
        assertEquals(Money.of("0.076", "GBP"), Money.of("0.085", "GBP").times(new BigDecimal("0.9"), RoundingMode.HALF_EVEN));
    }

    @Test
    void minus_belowZero_fails() {
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "EUR").minus(Money.of("1.01", "EUR")));
    }

    @Test
    void mixingCurrencies_fails() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Money.of("1.00", "EUR").plus(Money.of("1.00", "USD")));
        assertTrue(e.getMessage().contains("EUR") && e.getMessage().contains("USD"));
        assertThrows(IllegalArgumentException.class, () -> Money.of("1.00", "EUR").compareTo(Money.of("1.00", "GBP")));
    }

    @Test
    void comparisons_followTheAmount() {
        Money a = Money.of("9.99", "EUR");
        Money b = Money.of("10.00", "EUR");
        assertTrue(a.isLessThan(b));
        assertTrue(b.isGreaterThan(a));
        assertEquals(a, a.min(b));
        assertEquals(b, a.max(b));
    }
}
