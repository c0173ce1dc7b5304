package dev.parley.brand.negotiation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.brand.policy.ConcessionCurve;
import dev.parley.brand.policy.LineTerms;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegotiatorTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String TWIN = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

    private static Money gbp(String amount) {
        return Money.of(amount, "GBP");
    }

    private static LineTerms line(String sku, int quantity, String offer, String limit, String floor) {
        return new LineTerms(Sku.of(sku), quantity, gbp(offer), gbp(offer), gbp(limit), gbp(floor), List.of());
    }

    private static Negotiator negotiator(ConcessionCurve curve) {
        return new Negotiator(6, Duration.ofMinutes(10), curve);
    }

    @Test
    void aProposalAtOrAboveTheBrandsAspiration_isAgreed_atTheProposedPrice() {
        assertInstanceOf(Outcome.Counter.class, negotiator(ConcessionCurve.boulware()).open("t0", TWIN, "o1", "standard",
                List.of(line("A", 2, "10.00", "8.00", "7.00")), List.of(gbp("9.50")), "m0", T0), "a Boulware brand still aims at 10.00");
        Outcome outcome = negotiator(ConcessionCurve.linear()).open("t1", TWIN, "o1", "standard",
                List.of(line("A", 2, "10.00", "8.00", "7.00")), List.of(gbp("9.50")), "m1", T0);
        Outcome.Agreed agreed = assertInstanceOf(Outcome.Agreed.class, outcome, "a linear brand aims at 9.34 in round 2 of 6");
        assertEquals(gbp("9.50"), agreed.lines().get(0).unitPrice());
        assertEquals(2, agreed.lines().get(0).quantity());
    }

    @Test
    void aProposalAboveTheOffer_isAgreedAtTheOfferPrice() {
        Outcome outcome = negotiator(ConcessionCurve.boulware()).open("t1", TWIN, "o1", "standard",
                List.of(line("A", 1, "10.00", "8.00", "7.00")), List.of(gbp("12.00")), "m1", T0);
        assertEquals(gbp("10.00"), assertInstanceOf(Outcome.Agreed.class, outcome).lines().get(0).unitPrice());
    }

    @Test
    void boulware_concedesLessEarlyThanLinear_andConceder() throws Exception {
        List<LineTerms> terms = List.of(line("A", 1, "100.00", "60.00", "50.00"));
        Money boulware = counterPrice(negotiator(ConcessionCurve.boulware()), terms);
        Money linear = counterPrice(negotiator(ConcessionCurve.linear()), terms);
        Money conceder = counterPrice(negotiator(ConcessionCurve.conceder()), terms);
        Money hardliner = counterPrice(negotiator(ConcessionCurve.hardliner()), terms);
        assertEquals(gbp("100.00"), hardliner);
        assertTrue(boulware.isGreaterThan(linear) && linear.isGreaterThan(conceder), boulware + " > " + linear + " > " + conceder);
        assertEquals(gbp("86.67"), linear, "at round 2 of 6 a linear brand has given up a third of the 40.00 room (86.666 rounded up)");
    }

    private static Money counterPrice(Negotiator negotiator, List<LineTerms> terms) {
        Outcome outcome = negotiator.open("t", TWIN, "o", "standard", terms, List.of(gbp("1.00")), "m", T0);
        return assertInstanceOf(Outcome.Counter.class, outcome).lines().get(0).unitPrice();
    }

    @Test
    void alternation_rounds_andTheDeadline_areEnforced() throws Exception {
        Negotiator n = negotiator(ConcessionCurve.linear());
        List<LineTerms> terms = List.of(line("A", 1, "100.00", "60.00", "50.00"));
        NegotiationThread thread = n.open("t", TWIN, "o", "standard", terms, List.of(gbp("10.00")), "m1", T0).thread();
        assertEquals(2, thread.round());
        assertEquals(NegotiationThread.Party.BRAND, thread.lastBy());
        assertEquals(ErrorCode.INVALID_REQUEST, assertThrows(ProtocolException.class,
                () -> n.counter(thread, 2, List.of(gbp("20.00")), "m2", T0)).code(), "round 2 was the brand's");
        assertEquals(ErrorCode.INVALID_REQUEST, assertThrows(ProtocolException.class,
                () -> n.accept(thread, 1, T0)).code(), "the twin cannot accept its own proposal");
        assertEquals(ErrorCode.THREAD_CLOSED, assertThrows(ProtocolException.class,
                () -> n.counter(thread, 3, List.of(gbp("20.00")), "m2", T0.plus(Duration.ofMinutes(10)))).code());
        assertEquals(ErrorCode.THREAD_CLOSED, assertThrows(ProtocolException.class,
                () -> n.counter(thread, 7, List.of(gbp("20.00")), "m2", T0)).code(), "beyond the round limit");
        Outcome accepted = n.accept(thread, 2, T0.plusSeconds(5));
        Outcome.Agreed agreed = assertInstanceOf(Outcome.Agreed.class, accepted);
        assertEquals(thread.standing().get(0), agreed.lines().get(0).unitPrice());
        assertEquals(ErrorCode.THREAD_CLOSED, assertThrows(ProtocolException.class,
                () -> n.accept(thread.agreed("q1"), 2, T0)).code(), "an agreed thread takes no more moves");
        assertEquals(ErrorCode.THREAD_CLOSED, assertThrows(ProtocolException.class,
                () -> n.accept(thread.closed(), 2, T0)).code(), "a closed thread takes no more moves");
    }

    @Test
    void theLastCounterIsFinal_andALowProposalInTheLastRoundCloses() throws Exception {
        Negotiator n = negotiator(ConcessionCurve.boulware());
        List<LineTerms> terms = List.of(line("A", 1, "100.00", "60.00", "50.00"));
        Outcome outcome = n.open("t", TWIN, "o", "standard", terms, List.of(gbp("10.00")), "m1", T0);
        for (int round = 3; round <= 5; round += 2) {
            assertFalse(assertInstanceOf(Outcome.Counter.class, outcome).finalOffer());
            outcome = n.counter(outcome.thread(), round, List.of(gbp("10.00")), "m" + round, T0);
        }
        Outcome.Counter last = assertInstanceOf(Outcome.Counter.class, outcome);
        assertEquals(6, last.thread().round());
        assertTrue(last.finalOffer());
        assertEquals(gbp("60.00"), last.lines().get(0).unitPrice(), "at the last round the brand is at its limit");
        NegotiationThread afterLast = last.thread();
        assertEquals(ErrorCode.THREAD_CLOSED, assertThrows(ProtocolException.class,
                () -> n.counter(afterLast, 7, List.of(gbp("10.00")), "m7", T0)).code());
    }

    @Test
    void aTwinConcedingInTime_isModelled_andTheBrandHoldsBackMostOfTheZoneItEstimates() throws Exception {
        // Offer 100.00, limit 60.00, a linear brand over 40 rounds: by time alone it would counter 70.00 at round 30.
        Negotiator n = new Negotiator(40, Duration.ofDays(1), ConcessionCurve.linear());
        List<LineTerms> terms = List.of(line("A", 1, "100.00", "60.00", "50.00"));
        assertEquals(gbp("70.00"), counterAt(n, terms, 30, r -> gbp("40.00")), "a twin that does not move gives no estimate");
        // A twin rising linearly from 40.00 toward 80.00 at round 40: its reach is half the brand's room, of which the brand keeps 0.7.
        Money held = counterAt(n, terms, 30, r -> gbp("40.00").plus(gbp("40.00").times(BigDecimal.valueOf((r - 1) / 39.0), RoundingMode.DOWN)));
        assertTrue(!held.isLessThan(gbp("73.80")) && held.isLessThan(gbp("75.00")), "held near 60.00 + 0.7 × 20.00: " + held);
    }

    @Test
    void theBrandNeverCountersBelowTheTwinsBestProposal() throws Exception {
        Negotiator n = new Negotiator(10, Duration.ofDays(1), ConcessionCurve.boulware());
        List<LineTerms> terms = List.of(line("A", 1, "100.00", "60.00", "50.00"));
        // The twin proposed 90.00, then backed off to 61.00: by time alone the brand would counter 86.90 at round 8 of 10.
        Money counter = counterAt(n, terms, 8, r -> r == 1 ? gbp("90.00") : gbp("61.00"));
        assertEquals(gbp("90.00"), counter);
    }

    /** The brand's counter at {@code brandRound} (even) after the twin's proposals of rounds 1, 3 … given by {@code twin}. */
    private static Money counterAt(Negotiator n, List<LineTerms> terms, int brandRound, java.util.function.IntFunction<Money> twin)
            throws ProtocolException {
        Outcome outcome = n.open("t", TWIN, "o", "standard", terms, List.of(twin.apply(1)), "m1", T0);
        for (int round = 3; round < brandRound; round += 2) {
            outcome = n.counter(assertInstanceOf(Outcome.Counter.class, outcome).thread(), round, List.of(twin.apply(round)), "m" + round, T0);
        }
        Outcome.Counter counter = assertInstanceOf(Outcome.Counter.class, outcome);
        assertEquals(brandRound, counter.thread().round());
        return counter.lines().get(0).unitPrice();
    }

    @Test
    void aThread_recordsTheTwinsProposalTotals_andOneStoredWithoutThemReadsAsNone() throws Exception {
        Negotiator n = negotiator(ConcessionCurve.boulware());
        List<LineTerms> terms = List.of(line("A", 3, "100.00", "60.00", "50.00"));
        NegotiationThread thread = n.open("t", TWIN, "o", "standard", terms, List.of(gbp("40.00")), "m1", T0).thread();
        thread = assertInstanceOf(Outcome.Counter.class, n.counter(thread, 3, List.of(gbp("45.00")), "m3", T0)).thread();
        assertEquals(List.of(gbp("120.00"), gbp("135.00")), thread.received());
        var tree = dev.parley.protocol.json.ParleyJson.toTree(thread);
        assertEquals(thread, dev.parley.protocol.json.ParleyJson.bind(tree, NegotiationThread.class));
        tree.remove("received");
        assertEquals(List.of(), dev.parley.protocol.json.ParleyJson.bind(tree, NegotiationThread.class).received());
    }

    /**
     * Thousands of random negotiations (random terms, curves, twin strategies, timing): the brand
     * never agrees or counters below a line's limit, never below its floor, never beyond the round
     * limit, and never after the deadline.
     */
    @Test
    void invariants_holdOverRandomNegotiations() {
        SplittableRandom random = new SplittableRandom(20261123);
        List<ConcessionCurve> curves = List.of(ConcessionCurve.boulware(), ConcessionCurve.linear(), ConcessionCurve.conceder(),
                ConcessionCurve.hardliner(), new ConcessionCurve("boulware", 0.05), new ConcessionCurve("conceder", 20.0));
        int agreements = 0;
        for (int run = 0; run < 3000; run++) {
            int maxRounds = 1 + random.nextInt(10);
            Duration window = Duration.ofSeconds(30 + random.nextInt(600));
            Negotiator n = new Negotiator(maxRounds, window, curves.get(random.nextInt(curves.size())));
            List<LineTerms> terms = new ArrayList<>();
            for (int i = 0, lines = 1 + random.nextInt(3); i < lines; i++) {
                long floor = 1 + random.nextInt(5000);
                long limit = floor + random.nextInt(3000);
                long offer = limit + random.nextInt(3000);
                terms.add(new LineTerms(Sku.of("S" + i), 1 + random.nextInt(5), cents(offer), cents(offer), cents(limit), cents(floor), List.of()));
            }
            double twinShare = random.nextDouble();
            Instant now = T0;
            Outcome outcome = n.open("t" + run, TWIN, "o", "standard", terms, prices(terms, twinShare * 0.5), "m", now);
            int round = 1;
            while (true) {
                check(outcome, terms, maxRounds, window);
                if (!(outcome instanceof Outcome.Counter counter)) {
                    agreements += outcome instanceof Outcome.Agreed ? 1 : 0;
                    break;
                }
                now = now.plusSeconds(random.nextInt((int) window.toSeconds() / 3 + 1));
                round = counter.thread().round() + 1;
                try {
                    outcome = random.nextInt(4) == 0
                            ? n.accept(counter.thread(), counter.thread().round(), now)
                            : n.counter(counter.thread(), round, prices(terms, Math.min(1.0, twinShare * round / maxRounds)), "m" + round, now);
                } catch (ProtocolException e) {
                    assertEquals(ErrorCode.THREAD_CLOSED, e.code(), e.detail());
                    assertTrue(!now.isBefore(counter.thread().deadline()) || round > maxRounds, "closed only past the deadline or the round limit");
                    break;
                }
                if (outcome instanceof Outcome.Agreed) {
                    assertTrue(now.isBefore(counter.thread().deadline()), "no agreement after the deadline");
                }
            }
        }
        assertTrue(agreements > 300, "enough runs reach agreement to exercise it: " + agreements);
    }

    private static void check(Outcome outcome, List<LineTerms> terms, int maxRounds, Duration window) {
        List<PricedLine> lines = outcome instanceof Outcome.Counter c ? c.lines() : outcome instanceof Outcome.Agreed a ? a.lines() : List.of();
        for (int i = 0; i < lines.size(); i++) {
            Money price = lines.get(i).unitPrice();
            assertFalse(price.isLessThan(terms.get(i).limit()), "below limit: " + price + " < " + terms.get(i).limit());
            assertFalse(price.isLessThan(terms.get(i).floor()), "below floor");
            assertFalse(price.isGreaterThan(terms.get(i).offerPrice()), "above the opening offer");
            assertEquals(terms.get(i).quantity(), lines.get(i).quantity(), "never more units than were asked");
        }
        assertTrue(outcome.thread().round() <= maxRounds, "round " + outcome.thread().round() + " beyond " + maxRounds);
    }

    private static List<Money> prices(List<LineTerms> terms, double shareOfOffer) {
        List<Money> prices = new ArrayList<>();
        for (LineTerms t : terms) {
            prices.add(t.offerPrice().times(BigDecimal.valueOf(shareOfOffer).setScale(4, RoundingMode.DOWN), RoundingMode.DOWN));
        }
        return prices;
    }

    private static Money cents(long cents) {
        return new Money(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("GBP"));
    }
}
