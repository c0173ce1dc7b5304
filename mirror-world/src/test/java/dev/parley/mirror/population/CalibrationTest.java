package dev.parley.mirror.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mirror.TestData;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void theSyntheticPopulationMatchesTheRealRepeatShareAndBasketSize() {
        Market market = TestData.market();
        Calibration c = Calibration.fit(market, UserModel.initial(), 600, 7);
        System.out.println("real " + c.real() + "\nsynthetic " + c.synthetic() + "\nmodel " + c.model());
        assertTrue(c.real().baskets() > 10_000, "the whole year of real invoices is used");
        assertEquals(c.real().repeatShare(), c.synthetic().repeatShare(), 0.02);
        assertEquals(c.real().meanBasketSize(), c.synthetic().meanBasketSize(), 0.10 * c.real().meanBasketSize());
        assertTrue(c.withinTargets());
    }

    @Test
    void theStatisticsCountRepeatsOnlyFromEarlierBaskets() {
        var a = dev.parley.protocol.message.Sku.of("A");
        var b = dev.parley.protocol.message.Sku.of("B");
        BasketStats s = BasketStats.of(java.util.List.of(java.util.List.of(java.util.Set.of(a, b), java.util.Set.of(a)), java.util.List.of(java.util.Set.of(a))));
        assertEquals(3, s.baskets());
        assertEquals(4, s.lines());
        assertEquals(0.25, s.repeatShare(), 1e-12);
        assertEquals(4.0 / 3, s.meanBasketSize(), 1e-12);
        assertEquals(2.0 / 3, s.sizeShares().get("1"), 1e-12);
        assertEquals(1.0 / 3, s.sizeShares().get("2-5"), 1e-12);
    }
}
