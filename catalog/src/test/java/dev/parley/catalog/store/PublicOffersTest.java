package dev.parley.catalog.store;

import static dev.parley.catalog.store.Products.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.catalog.mirror.CatalogMirror;
import dev.parley.protocol.message.Eligibility;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Public offers live in the catalog beside the products they sell: versioned, paged, in deltas, durable. */
class PublicOffersTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static Offer bundle(String id, String price, String... skus) {
        List<PricedLine> lines = java.util.Arrays.stream(skus).map(s -> new PricedLine(Sku.of(s), 1, Money.of(price, "GBP"), null)).toList();
        Money total = lines.stream().map(PricedLine::total).reduce(Money::plus).orElseThrow();
        return new Offer(id, lines, total, T, T.plusSeconds(86_400), Eligibility.publicOffer(), null, true, null, List.of("bundle"));
    }

    @Test
    void offersAdvanceTheSequence_andTravelInPagesAndDeltas() throws Exception {
        CatalogStore store = CatalogStore.inMemory();
        store.upsertAll(List.of(product("A", "10.00"), product("B", "4.00"), product("C", "2.00")));
        long before = store.seq();
        long after = store.upsertOffer(bundle("set-ab", "6.00", "A", "B"));
        assertEquals(before + 1, after);
        assertEquals(after, store.upsertOffer(bundle("set-ab", "6.00", "A", "B")), "the same offer again is no change");
        assertEquals(List.of("set-ab"), store.snapshot().toBody(0, 2).offers().stream().map(Offer::offerId).toList(), "page 0 carries the offers");
        assertEquals(List.of(), store.snapshot().toBody(1, 2).offers());
        assertEquals(List.of(), store.snapshot(before).offers(), "an earlier snapshot has the offers of its time");

        store.upsertOffer(bundle("set-bc", "2.50", "B", "C"));
        Delta delta = store.delta(before);
        assertEquals(List.of("set-ab", "set-bc"), delta.offers().stream().map(Offer::offerId).toList());
        assertEquals(2, delta.toBody().offers().size());

        long withdrawn = store.removeOffer("set-ab");
        assertEquals(List.of("set-ab"), store.delta(withdrawn - 1).offerRemovals());
        long removed = store.remove(Sku.of("C"));
        Delta cascade = store.delta(withdrawn);
        assertEquals(List.of(Sku.of("C")), cascade.removals());
        assertEquals(List.of("set-bc"), cascade.offerRemovals(), "an offer cannot outlive a product it sells");
        assertEquals(List.of(), store.offers());
        assertEquals(withdrawn + 2, removed);
    }

    @Test
    void onlyPublicOffersOfProductsTheCatalogHas_arePublished() {
        CatalogStore store = CatalogStore.inMemory();
        store.upsert(product("A", "10.00"));
        assertThrows(IllegalArgumentException.class, () -> store.upsertOffer(bundle("x", "1.00", "A", "NOPE")));
        Offer personal = new Offer("p", List.of(new PricedLine(Sku.of("A"), 1, Money.of("9.00", "GBP"), null)), Money.of("9.00", "GBP"), T,
                T.plusSeconds(60), Eligibility.forTwin("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"), null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> store.upsertOffer(personal));
        assertEquals(0, store.offers().size());
    }

    @Test
    void offersSurviveARestart_andAMirrorFollowsThem() throws Exception {
        Path file = dir.resolve("catalog.db");
        long seq;
        try (CatalogStore store = CatalogStore.sqlite(file)) {
            store.upsertAll(List.of(product("A", "10.00"), product("B", "4.00")));
            store.upsertOffer(bundle("set-ab", "6.00", "A", "B"));
            seq = store.seq();
        }
        try (CatalogStore store = CatalogStore.sqlite(file)) {
            assertEquals(seq, store.seq());
            assertEquals(bundle("set-ab", "6.00", "A", "B"), store.offer("set-ab").orElseThrow());
            CatalogMirror mirror = new CatalogMirror();
            assertEquals(CatalogMirror.Outcome.APPLIED, mirror.applyPage(store.snapshot().toBody(0, 10)));
            assertEquals(1, mirror.offers().size());
            store.removeOffer("set-ab");
            store.upsertOffer(bundle("set-b", "3.50", "B"));
            assertEquals(CatalogMirror.Outcome.APPLIED, mirror.applyDelta(store.delta(mirror.seq()).toBody()));
            assertEquals(List.of("set-b"), mirror.offers().stream().map(Offer::offerId).toList());
            Delta sinceBefore = store.delta(seq - 1);
            assertEquals(List.of("set-b"), sinceBefore.offers().stream().map(Offer::offerId).toList());
            assertEquals(List.of("set-ab"), sinceBefore.offerRemovals(), "published and withdrawn since: a removal");
        }
    }
}
