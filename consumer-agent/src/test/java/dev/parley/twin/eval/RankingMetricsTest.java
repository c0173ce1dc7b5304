package dev.parley.twin.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.protocol.message.Sku;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
    private static List<Sku> list(String... s) {
        return Arrays.stream(s).map(Sku::of).toList();
    }

    private static Set<Sku> set(String... s) {
        return Arrays.stream(s).map(Sku::of).collect(Collectors.toSet());
    }

    private static double inv(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }

    // Customer 1: bought a, b, c before; next basket b, d, x (b repeat; d, x explore).
    private static final RankingMetrics.Case ONE = new RankingMetrics.Case(list("a", "b", "c", "d"), set("b", "d", "x"), set("a", "b", "c"));
    // Customer 2: bought a before; next basket y only (explore), predicted at rank 1.
    private static final RankingMetrics.Case TWO = new RankingMetrics.Case(list("y", "a"), set("y"), set("a"));

    @Test
    void atTwo_oneCustomer_handComputed() {
        ModelMetrics m = RankingMetrics.evaluate(2, List.of(ONE));
        assertEquals(1.0 / 3, m.overall().recall(), 1e-12);
        assertEquals(inv(2) / (inv(1) + inv(2)), m.overall().ndcg(), 1e-12);
        assertEquals(1.0, m.overall().phr());
        assertEquals(1.0, m.repeat().recall(), 1e-12);
        assertEquals(inv(2) / inv(1), m.repeat().ndcg(), 1e-12);
        assertEquals(0.0, m.explore().recall());
        assertEquals(0.0, m.explore().phr());
        assertEquals(1, m.explore().customers());
    }

    @Test
    void atFour_twoCustomers_averagesOverCustomersWithThatPart() {
        ModelMetrics m = RankingMetrics.evaluate(4, List.of(ONE, TWO));
        double recallOne = 2.0 / 3;
        double ndcgOne = (inv(2) + inv(4)) / (inv(1) + inv(2) + inv(3));
        assertEquals((recallOne + 1) / 2, m.overall().recall(), 1e-12);
        assertEquals((ndcgOne + 1) / 2, m.overall().ndcg(), 1e-12);
        assertEquals(1.0, m.overall().phr());
        assertEquals(2, m.overall().customers());
        // Only customer 1 has a repeat item in the target.
        assertEquals(1, m.repeat().customers());
        assertEquals(1.0, m.repeat().recall(), 1e-12);
        // Explore: customer 1 found d of {d, x} at rank 4; customer 2 found y at rank 1.
        assertEquals(2, m.explore().customers());
        assertEquals((0.5 + 1) / 2, m.explore().recall(), 1e-12);
        assertEquals((inv(4) / (inv(1) + inv(2)) + 1) / 2, m.explore().ndcg(), 1e-12);
    }

    @Test
    void onlyTheFirstKCount() {
        ModelMetrics m = RankingMetrics.evaluate(1, List.of(ONE, TWO));
        assertEquals(0.5, m.overall().recall(), 1e-12);
        assertEquals(0.5, m.overall().phr(), 1e-12);
    }

    @Test
    void noCustomerWithAPart_givesZeroOverZeroCustomers() {
        RankingMetrics.Case allNew = new RankingMetrics.Case(list("a"), set("a"), set());
        ModelMetrics m = RankingMetrics.evaluate(10, List.of(allNew));
        assertEquals(new Metric(0, 0, 0, 0), m.repeat());
        assertEquals(new Metric(1, 1, 1, 1), m.explore());
    }

    @Test
    void invalidCases_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics.Case(list("a"), set(), set()));
        assertThrows(IllegalArgumentException.class, () -> new RankingMetrics.Case(list("a", "a"), set("a"), set()));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.evaluate(0, List.of(ONE)));
    }
}
