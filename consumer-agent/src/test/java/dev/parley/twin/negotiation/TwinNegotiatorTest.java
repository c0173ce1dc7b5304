package dev.parley.twin.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
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
        assertEquals(gbp("8.50"), next.prices().get(0), "halfway from 8.00 to 9.00 at round 3 of 5");
        assertInstanceOf(TwinNegotiator.Accept.class, n.respond(List.of(gbp("8.40")), 2, false), "a counter below the next proposal is taken");
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
