package dev.parley.twin.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwinNegotiatorTest {

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static TwinNegotiator negotiator(String offer, String reservation, int rounds) {
        return new TwinNegotiator(List.of(gbp(offer)), List.of(gbp(reservation)), List.of(1), rounds, new BigDecimal("0.80"));
    }

    @Test
    void opensBelowTheOffer_andConcedesTowardTheReservation() {
        TwinNegotiator n = negotiator("10.00", "9.00", 5);
        assertEquals(gbp("8.00"), n.open().prices().get(0));
        TwinNegotiator.Propose next = assertInstanceOf(TwinNegotiator.Propose.class, n.respond(List.of(gbp("9.80")), 2, false));
        assertEquals(3, next.round());
        assertEquals(gbp("8.03"), next.prices().get(0), "Boulware: halfway in time (round 3 of 5) is (1/2)^5 of the way from 8.00 to 9.00");
        assertInstanceOf(TwinNegotiator.Accept.class, n.respond(List.of(gbp("8.02")), 2, false), "a counter below the next proposal is taken");
    }

    @Test
    void aBrandConcedingInTime_isModelled_andTheTwinHoldsBackMostOfTheZoneItEstimates() {
        // Offer 100.00, reservation 80.00, opening 40.00, 40 rounds: by time alone (Boulware) the twin proposes 66.80 at round 37.
        assertEquals(gbp("66.80"), proposalAt(37, r -> gbp("100.00")), "a brand that does not move gives no estimate");
        // A Boulware brand heading for 50.00 at round 40: a reach of 0.75 of the twin's room, of which the twin keeps 0.7.
        Money held = proposalAt(37, r -> gbp("100.00").minus(gbp("50.00").times(BigDecimal.valueOf(Math.pow((r - 1) / 39.0, 5)), RoundingMode.DOWN)));
        assertTrue(held.isGreaterThan(gbp("57.00")) && !held.isGreaterThan(gbp("60.00")), "held at about 40.00 + (1 − 0.7 × 0.75) × 40.00 = 59.00: " + held);
    }

    /** The twin's proposal at {@code round} (odd) after the brand's counters of rounds 2, 4 … given by {@code brand}. */
    private static Money proposalAt(int round, java.util.function.IntFunction<Money> brand) {
        TwinNegotiator n = new TwinNegotiator(List.of(gbp("100.00")), List.of(gbp("80.00")), List.of(1), 40, new BigDecimal("0.40"));
        TwinNegotiator.Move move = null;
        for (int r = 2; r < round; r += 2) {
            move = n.respond(List.of(brand.apply(r)), r, false);
        }
        TwinNegotiator.Propose p = assertInstanceOf(TwinNegotiator.Propose.class, move);
        assertEquals(round, p.round());
        return p.prices().get(0);
    }

    @Test
    void neverAgreesAboveTheReservation_andWalksFromAFinalCounterAboveIt() {
        TwinNegotiator n = negotiator("10.00", "7.00", 4);
        assertEquals(gbp("7.00"), n.open().prices().get(0), "opening capped at the reservation");
        TwinNegotiator.Walk walk = assertInstanceOf(TwinNegotiator.Walk.class, n.respond(List.of(gbp("7.50")), 2, true));
        assertTrue(walk.why().contains("final"), walk.why());
        assertInstanceOf(TwinNegotiator.Accept.class, n.respond(List.of(gbp("7.00")), 4, true));
        assertInstanceOf(TwinNegotiator.Walk.class, n.respond(List.of(gbp("9.00")), 4, false), "rounds used up");
    }

    @Test
    void randomNegotiations_neverAcceptAboveTheReservation() {
        SplittableRandom random = new SplittableRandom(5);
        for (int run = 0; run < 2000; run++) {
            long offer = 100 + random.nextInt(10_000);
            long reservation = 1 + random.nextInt((int) offer + 500);
            int rounds = 1 + random.nextInt(10);
            TwinNegotiator n = new TwinNegotiator(List.of(cents(offer)), List.of(cents(reservation)), List.of(1 + random.nextInt(3)), rounds,
                    new BigDecimal("0.8"));
            long counter = random.nextInt((int) offer * 2 + 1);
            TwinNegotiator.Move move = n.respond(List.of(cents(counter)), 2, random.nextBoolean());
            if (move instanceof TwinNegotiator.Accept) {
                assertFalse(counter > Math.min(offer, reservation), "accepted " + counter + " above reservation " + Math.min(offer, reservation));
            } else if (move instanceof TwinNegotiator.Propose p) {
                assertFalse(p.prices().get(0).isGreaterThan(cents(Math.min(offer, reservation))));
            }
        }
    }

    private static Money cents(long cents) {
        return new Money(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("GBP"));
    }
}
