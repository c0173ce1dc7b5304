package dev.parley.catalog.store;

import java.util.List;

/**
 * Where a durable store writes its changes before they become visible. Called with the store's
 * write lock held; a failure aborts the batch, which then has no effect at all.
 */
interface Journal extends AutoCloseable {
    void append(List<Change> batch);

    @Override
    void close();
}
