package dev.parley.protocol.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeOffTest {

    @Test
    void theOptionsTheOtherSideKeepsProposing_areTheOnesChosen_atEqualPrices() {
        TradeOff t = new TradeOff(4, 4);
        for (int i = 0; i < 5; i++) {
            t.observe(2, i % 4);
        }
        assertTrue(t.value(2, 0) > t.value(1, 0), "quantity 2, always proposed, is worth more to the other side");
        List<int[]> options = List.of(new int[] {0, 1}, new int[] {2, 1}, new int[] {3, 1});
        assertEquals(1, t.choose(options, new double[] {0.5, 0.5, 0.5}));
    }

    @Test
    void beforeAnyProposal_thePriceThatAppealsMostToTheOtherSideDecides() {
        TradeOff t = new TradeOff(2, 3);
        assertEquals(t.value(0, 0), t.value(1, 2), 1e-12);
        assertEquals(2, t.choose(List.of(new int[] {0, 0}, new int[] {1, 1}, new int[] {1, 2}), new double[] {0.2, 0.5, 0.9}));
    }

    @Test
    void optionsOutsideTheIssues_areRejected() {
        TradeOff t = new TradeOff(2, 3);
        assertThrows(IllegalArgumentException.class, () -> t.observe(2, 0));
        assertThrows(IllegalArgumentException.class, () -> t.observe(0));
        assertThrows(IllegalArgumentException.class, () -> new TradeOff());
    }
}
