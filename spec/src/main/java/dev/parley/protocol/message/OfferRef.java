package dev.parley.protocol.message;

/**
 * An offer being negotiated: its id and, for a personal offer, the signed {@code offer.set}
 * (JWS compact) that carried it, so the brand can verify what it offered without remembering it.
 */
public record OfferRef(String offerSet, String offerId) {
    public OfferRef {
        Checks.id("offer_id", offerId);
    }
}
