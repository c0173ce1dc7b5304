package dev.parley.catalog.store;

import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The durable side of a SQLite-backed {@link CatalogStore}: products, recent changes and the sequence. */
final class SqliteJournal implements Journal {
    record State(long seq, Map<Sku, Product> products, Map<String, Offer> offers, List<Change> recentChanges) {}

    private final Connection connection;
    private final int logCapacity;

    private SqliteJournal(Connection connection, int logCapacity) {
        this.connection = connection;
        this.logCapacity = logCapacity;
    }

    static SqliteJournal open(Path file, int logCapacity) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE IF NOT EXISTS catalog_products (sku TEXT PRIMARY KEY, seq INTEGER NOT NULL, json TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS catalog_changes (seq INTEGER PRIMARY KEY, sku TEXT NOT NULL, json TEXT, previous TEXT)");
                s.execute("CREATE TABLE IF NOT EXISTS catalog_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS catalog_offers (offer_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, json TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS catalog_offer_changes (seq INTEGER PRIMARY KEY, offer_id TEXT NOT NULL, json TEXT, previous TEXT)");
            }
            c.setAutoCommit(false);
            return new SqliteJournal(c, logCapacity);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open catalog database " + file + ": " + e.getMessage(), e);
        }
    }

    void load(Consumer<State> into) {
        try {
            long seq = 0;
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM catalog_meta WHERE key = 'seq'")) {
                if (rs.next()) {
                    seq = rs.getLong(1);
                }
            }
            Map<Sku, Product> products = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT json FROM catalog_products")) {
                while (rs.next()) {
                    Product p = read(rs.getString(1));
                    products.put(p.sku(), p);
                }
            }
            List<Change> changes = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT seq, sku, json, previous FROM catalog_changes ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, logCapacity);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(rs.getLong(1), Sku.of(rs.getString(2)), readNullable(rs.getString(3)), readNullable(rs.getString(4))));
                    }
                }
            }
            Map<String, Offer> offers = new HashMap<>();
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT json FROM catalog_offers")) {
                while (rs.next()) {
                    Offer o = readOffer(rs.getString(1));
                    offers.put(o.offerId(), o);
                }
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT seq, offer_id, json, previous FROM catalog_offer_changes ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, logCapacity);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(Change.ofOffer(rs.getLong(1), rs.getString(2), readOfferNullable(rs.getString(3)), readOfferNullable(rs.getString(4))));
                    }
                }
            }
            changes.sort(java.util.Comparator.comparingLong(Change::seq));
            if (changes.size() > logCapacity) {
                changes.subList(0, changes.size() - logCapacity).clear();
            }
            connection.commit();
            into.accept(new State(seq, products, offers, changes));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the catalog: " + e.getMessage(), e);
        }
    }

    @Override
    public void append(List<Change> batch) {
        try (PreparedStatement change = connection.prepareStatement("INSERT INTO catalog_changes (seq, sku, json, previous) VALUES (?, ?, ?, ?)");
             PreparedStatement upsert = connection.prepareStatement(
                     "INSERT INTO catalog_products (sku, seq, json) VALUES (?, ?, ?) ON CONFLICT(sku) DO UPDATE SET seq = excluded.seq, json = excluded.json");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_products WHERE sku = ?");
             PreparedStatement meta = connection.prepareStatement(
                     "INSERT INTO catalog_meta (key, value) VALUES ('seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
             PreparedStatement prune = connection.prepareStatement("DELETE FROM catalog_changes WHERE seq <= ?");
             PreparedStatement pruneOffers = connection.prepareStatement("DELETE FROM catalog_offer_changes WHERE seq <= ?")) {
            for (Change c : batch) {
                if (c.ofOffer()) {
                    appendOffer(c);
                    continue;
                }
                String json = c.product() == null ? null : ParleyJson.writeString(c.product());
                change.setLong(1, c.seq());
                change.setString(2, c.sku().value());
                change.setString(3, json);
                change.setString(4, c.previous() == null ? null : ParleyJson.writeString(c.previous()));
                change.addBatch();
                if (json == null) {
                    delete.setString(1, c.sku().value());
                    delete.addBatch();
                } else {
                    upsert.setString(1, c.sku().value());
                    upsert.setLong(2, c.seq());
                    upsert.setString(3, json);
                    upsert.addBatch();
                }
            }
            change.executeBatch();
            upsert.executeBatch();
            delete.executeBatch();
            long last = batch.get(batch.size() - 1).seq();
            meta.setLong(1, last);
            meta.executeUpdate();
            prune.setLong(1, last - logCapacity);
            prune.executeUpdate();
            pruneOffers.setLong(1, last - logCapacity);
            pruneOffers.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("catalog change not stored: " + e.getMessage(), e);
        }
    }

    private void appendOffer(Change c) throws SQLException {
        String json = c.offer() == null ? null : ParleyJson.writeString(c.offer());
        try (PreparedStatement change = connection.prepareStatement(
                "INSERT INTO catalog_offer_changes (seq, offer_id, json, previous) VALUES (?, ?, ?, ?)")) {
            change.setLong(1, c.seq());
            change.setString(2, c.offerId());
            change.setString(3, json);
            change.setString(4, c.previousOffer() == null ? null : ParleyJson.writeString(c.previousOffer()));
            change.executeUpdate();
        }
        if (json == null) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_offers WHERE offer_id = ?")) {
                delete.setString(1, c.offerId());
                delete.executeUpdate();
            }
        } else {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO catalog_offers (offer_id, seq, json) VALUES (?, ?, ?) ON CONFLICT(offer_id) DO UPDATE SET seq = excluded.seq, json = excluded.json")) {
                upsert.setString(1, c.offerId());
                upsert.setLong(2, c.seq());
                upsert.setString(3, json);
                upsert.executeUpdate();
            }
        }
    }

    private static Offer readOffer(String json) {
        try {
            return ParleyJson.bind(ParleyJson.readObject(json), Offer.class);
        } catch (ProtocolException e) {
            throw new IllegalStateException("corrupt offer in the catalog database: " + e.detail(), e);
        }
    }

    private static Offer readOfferNullable(String json) {
        return json == null ? null : readOffer(json);
    }

    private static Product read(String json) {
        try {
            return ParleyJson.bind(ParleyJson.readObject(json), Product.class);
        } catch (ProtocolException e) {
            throw new IllegalStateException("corrupt product in the catalog database: " + e.detail(), e);
        }
    }

    private static Product readNullable(String json) {
        return json == null ? null : read(json);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the catalog database failed: " + e.getMessage(), e);
        }
    }
}
