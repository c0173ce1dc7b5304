package dev.parley.twin.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a twin keeps, in one SQLite file (WAL, full synchronous commits): its settings
 * (wishes, mandate, followed brands), one private key per brand, the person's event history,
 * catalog mirrors with their sequence numbers, the items of its Daily Me runs and the orders
 * placed. Values are JSON text written by the twin. Blocking: call from worker threads.
 * Thread-safe.
 */
public final class TwinStore implements AutoCloseable {

    private final Connection connection;

    private TwinStore(Connection connection) {
        this.connection = connection;
    }

    public static TwinStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    public static TwinStore inMemory() {
        return open("jdbc:sqlite::memory:");
    }

    private static TwinStore open(String url) {
        try {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS brand_keys (origin TEXT PRIMARY KEY, jwk TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS events (n INTEGER PRIMARY KEY AUTOINCREMENT, json TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS mirrors (origin TEXT PRIMARY KEY, seq INTEGER NOT NULL, products TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, run TEXT NOT NULL, json TEXT NOT NULL)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS orders (item_id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE,
                          origin TEXT NOT NULL, total TEXT NOT NULL, currency TEXT NOT NULL, placed_at TEXT NOT NULL, receipt TEXT)""");
            }
            return new TwinStore(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the twin's store " + url + ": " + e.getMessage(), e);
        }
    }

    public synchronized Optional<String> setting(String key) {
        return queryOne("SELECT value FROM settings WHERE key = ?", key);
    }

    public synchronized void setting(String key, String value) {
        update("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
    }

    /** Every setting whose key starts with {@code prefix}, by key. */
    public synchronized Map<String, String> settings(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key")) {
            ps.setInt(1, prefix.length());
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("twin store query failed: " + e.getMessage(), e);
        }
    }

    public synchronized Optional<String> brandKey(String origin) {
        return queryOne("SELECT jwk FROM brand_keys WHERE origin = ?", origin);
    }

    /** Stores a key for a brand unless one is there; returns the one kept. */
    public synchronized String brandKeyIfAbsent(String origin, String jwk) {
        update("INSERT OR IGNORE INTO brand_keys (origin, jwk) VALUES (?, ?)", origin, jwk);
        return brandKey(origin).orElseThrow();
    }

    public synchronized void appendEvent(String json) {
        update("INSERT INTO events (json) VALUES (?)", json);
    }

    public synchronized List<String> events() {
        return queryAll("SELECT json FROM events ORDER BY n");
    }

    /** A stored catalog mirror: its sequence, products JSON and public offers JSON (null if none were stored). */
    public record StoredMirror(long seq, String products, String offers) {}

    /** Replaces a brand's mirror: its sequence, products and public offers, in one transaction. */
    public synchronized void saveMirror(String origin, long seq, String productsJson, String offersJson) {
        transaction("cannot store a catalog mirror", () -> {
            update("INSERT INTO mirrors (origin, seq, products) VALUES (?, ?, ?) ON CONFLICT(origin) DO UPDATE SET seq = excluded.seq, products = excluded.products",
                    origin, Long.toString(seq), productsJson);
            update("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "mirror-offers " + origin,
                    offersJson);
        });
    }

    /** The mirror of a brand, if one was stored. */
    public synchronized Optional<StoredMirror> mirror(String origin) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT seq, products FROM mirrors WHERE origin = ?")) {
            ps.setString(1, origin);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredMirror(rs.getLong(1), rs.getString(2), setting("mirror-offers " + origin).orElse(null)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read a mirror: " + e.getMessage(), e);
        }
    }

    /** Replaces the items of the current run and stores its summary under {@code settingKey}, in one transaction. */
    public synchronized void saveRun(String run, Map<String, String> itemsById, String settingKey, String summaryJson) {
        transaction("cannot store the Daily Me", () -> {
            try (Statement s = connection.createStatement()) {
                s.execute("DELETE FROM items");
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO items (id, run, json) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> e : itemsById.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, run);
                    ps.setString(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            update("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", settingKey, summaryJson);
        });
    }

    /** Work that writes several rows: all of it commits (one sync to disk), or none. */
    @FunctionalInterface
    private interface Writes {
        void run() throws SQLException;
    }

    private void transaction(String what, Writes writes) {
        try {
            connection.setAutoCommit(false);
            writes.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw new IllegalStateException(what + ": " + e.getMessage(), e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is unusable anyway if this fails; the next call reports it
            }
        }
    }

    public synchronized void updateItem(String id, String json) {
        update("UPDATE items SET json = ? WHERE id = ?", json, id);
    }

    /** Items of the current run, in the order they were saved. */
    public synchronized Map<String, String> items() {
        Map<String, String> items = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT id, json FROM items ORDER BY rowid")) {
            while (rs.next()) {
                items.put(rs.getString(1), rs.getString(2));
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the Daily Me: " + e.getMessage(), e);
        }
    }

    /**
     * Records that an order is being placed for an item, before it is sent, so that a retry after
     * a crash reuses the same idempotency key. Returns the key kept for the item.
     */
    public synchronized String beginOrder(String itemId, String idempotencyKey, String origin, String total, String currency, String at) {
        update("INSERT OR IGNORE INTO orders (item_id, idempotency_key, origin, total, currency, placed_at) VALUES (?, ?, ?, ?, ?, ?)",
                itemId, idempotencyKey, origin, total, currency, at);
        return queryOne("SELECT idempotency_key FROM orders WHERE item_id = ?", itemId).orElseThrow();
    }

    public synchronized void completeOrder(String itemId, String receipt) {
        update("UPDATE orders SET receipt = ? WHERE item_id = ?", receipt, itemId);
    }

    public synchronized void abandonOrder(String itemId) {
        update("DELETE FROM orders WHERE item_id = ? AND receipt IS NULL", itemId);
    }

    public synchronized Optional<String> receipt(String itemId) {
        return queryOne("SELECT receipt FROM orders WHERE item_id = ? AND receipt IS NOT NULL", itemId);
    }

    /** Totals of orders placed (with a receipt) since an instant (ISO-8601 text, compared as text), in one currency. */
    public synchronized List<String> orderTotalsSince(String since, String currency) {
        List<String> totals = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT total FROM orders WHERE receipt IS NOT NULL AND placed_at >= ? AND currency = ?")) {
            ps.setString(1, since);
            ps.setString(2, currency);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.add(rs.getString(1));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read orders: " + e.getMessage(), e);
        }
    }

    private Optional<String> queryOne(String sql, String arg) {
        List<String> all = queryAll(sql, arg);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<String> queryAll(String sql, String... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("twin store query failed: " + e.getMessage(), e);
        }
    }

    private void update(String sql, String... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("twin store update failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the twin's store: " + e.getMessage(), e);
        }
    }
}
