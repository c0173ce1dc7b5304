package dev.parley.mirror.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mirror.TestData;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void theCalibratedModelMeetsTheTargetsOnAFreshPopulation() {
        Market market = TestData.market();
        BasketStats real = BasketStats.ofInvoices(market.history().invoices());
        int days = (int) java.time.Duration.between(market.history().invoices().get(0).time(), market.end()).toDays();
        BasketStats drawn = BasketStats.ofPeople(new SyntheticPopulation(market, UserModel.calibrated()).generate(1500, 99, market.end(), days));
        assertEquals(real.repeatShare(), drawn.repeatShare(), 0.02);
        assertEquals(real.meanBasketSize(), drawn.meanBasketSize(), 0.10 * real.meanBasketSize());
        BasketStats uncalibrated = BasketStats.ofPeople(new SyntheticPopulation(market, UserModel.initial()).generate(1500, 99, market.end(), days));
        assertTrue(Math.abs(uncalibrated.repeatShare() - real.repeatShare()) > 0.02
                || Math.abs(uncalibrated.meanBasketSize() - real.meanBasketSize()) > 0.10 * real.meanBasketSize(), "calibration is needed at all");
    }

    @Test
    void theFitFindsParametersThatMeetTheTargets() {
        Market market = TestData.market();
        Calibration c = Calibration.fit(market, UserModel.initial(), 300, 7);
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
