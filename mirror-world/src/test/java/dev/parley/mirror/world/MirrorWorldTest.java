package dev.parley.mirror.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.policy.PolicyFile;
import dev.parley.mirror.TestData;
import dev.parley.mirror.population.Market;
import dev.parley.mirror.population.Person;
import dev.parley.mirror.population.SyntheticPopulation;
import dev.parley.mirror.population.UserModel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorWorldTest {

    static final String[] FILES = {"no-discount", "flat-discount", "boulware", "conceder", "goal-tiered"};

    static List<Strategy> strategies() throws Exception {
        List<Strategy> out = new ArrayList<>();
        for (String f : FILES) {
            out.add(Strategy.load(TestData.examples().resolve("mirror/" + f + ".json")));
        }
        return out;
    }

    static List<Person> people(Market market, int n) {
        return new SyntheticPopulation(market, UserModel.calibrated()).generate(n, 7, market.end(), 200);
    }

    @Test
    void comparesTheFiveStrategiesDeterministically() throws Exception {
        Market market = TestData.market();
        List<Person> people = people(market, 400);
        MirrorWorld world = new MirrorWorld(market, UserModel.calibrated(), people, MirrorWorld.Settings.of(10, 7, false));
        List<StrategyResult> a = world.run(strategies(), MirrorWorld.Progress.NONE);
        List<StrategyResult> b = world.run(strategies(), MirrorWorld.Progress.NONE);
        assertEquals(a, b, "the same seed gives the same results");
        StrategyResult none = a.get(0);
        StrategyResult flat = a.get(1);
        assertTrue(none.visits() > 0 && none.orders() > 0);
        assertEquals(0, none.discount().amount().signum(), "no discount gives none");
        assertEquals(0, none.negotiations());
        assertEquals(0.10, flat.averageDiscount(), 0.005, "the flat 10% policy sells at 10% off list");
        assertEquals(none.visits(), flat.visits(), "every strategy meets the same visits");
        assertTrue(a.get(2).negotiations() > 0 && a.get(2).agreements() > 0);
        for (StrategyResult r : a) {
            assertEquals(r.days().size(), 10);
            assertEquals(r.revenue(), r.days().stream().map(StrategyResult.Day::revenue).reduce(dev.parley.protocol.money.Money::plus).orElseThrow());
            assertTrue(r.margin().signum() > 0, "floors keep every sale above cost");
        }
    }

    @Test
    void aPolicyChangeShowsUpWithoutTouchingTheSimulator(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Market market = TestData.market();
        List<Person> people = people(market, 150);
        String flat = Files.readString(TestData.examples().resolve("mirror/flat-discount.json"));
        Path deeper = dir.resolve("deeper.json");
        Files.writeString(deeper, flat.replace("\"discount\": 0.10", "\"discount\": 0.25"), StandardCharsets.UTF_8);
        MirrorWorld world = new MirrorWorld(market, UserModel.calibrated(), people, MirrorWorld.Settings.of(5, 3, false));
        List<StrategyResult> r = world.run(List.of(Strategy.load(TestData.examples().resolve("mirror/flat-discount.json")), Strategy.load(deeper)),
                MirrorWorld.Progress.NONE);
        assertEquals(0.10, r.get(0).averageDiscount(), 0.005);
        assertEquals(0.25, r.get(1).averageDiscount(), 0.005);
        assertTrue(r.get(1).units() > r.get(0).units(), "a deeper discount sells more units to the same people");
        assertTrue(r.get(1).surplus().compareTo(r.get(0).surplus()) > 0, "and leaves them more surplus");
    }

    @Test
    void signingOnGivesIdenticalOutcomes() throws Exception {
        Market market = TestData.market();
        List<Person> people = people(market, 60);
        List<Strategy> strategies = List.of(strategies().get(2), strategies().get(4));
        List<StrategyResult> off = new MirrorWorld(market, UserModel.calibrated(), people, MirrorWorld.Settings.of(4, 11, false))
                .run(strategies, MirrorWorld.Progress.NONE);
        List<StrategyResult> on = new MirrorWorld(market, UserModel.calibrated(), people, MirrorWorld.Settings.of(4, 11, true))
                .run(strategies, MirrorWorld.Progress.NONE);
        for (int i = 0; i < off.size(); i++) {
            assertEquals(0, off.get(i).messages());
            assertTrue(on.get(i).messages() > 0, "signing on signs and verifies messages");
            assertTrue(on.get(i).negotiations() > 0);
            assertEquals(withoutMessages(off.get(i)), withoutMessages(on.get(i)));
        }
        assertNotEquals(BigDecimal.ZERO, off.get(0).surplus());
    }

    private static StrategyResult withoutMessages(StrategyResult r) {
        return new StrategyResult(r.name(), r.revenue(), r.margin(), r.visits(), r.orders(), r.units(), r.discount(), r.listValue(),
                r.surplus(), r.negotiations(), r.agreements(), r.rounds(), r.days(), r.surplusPerTwin(), r.revenueByPriorOrders(), r.goals(), 0);
    }
}
