package dev.parley.catalog.store;

/**
 * The store no longer holds what was asked for: a delta from a sequence older than its change
 * log, or a snapshot it has let go. The client resynchronises from the current snapshot.
 */
public final class CatalogUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public CatalogUnavailableException(String message) {
        super(message, null, false, false);
    }
}
