package dev.parley.brand.orders;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.OrderStatus;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.money.Money;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The brand's durable record of confirmed orders, in SQLite (WAL mode, full synchronous commits):
 * an order is on disk before its receipt leaves the node. The database enforces one order per
 * (twin, idempotency key) and one order per quote. Blocking (SQLite): call from worker threads,
 * except {@link #rememberMessageLater}, which only queues. Thread-safe.
 */
public final class OrderBook implements AutoCloseable {

    /** Another order already holds this idempotency key or quote. */
    public static final class DuplicateOrderException extends Exception {
        DuplicateOrderException(String message) {
            super(message);
        }
    }

    private static final JavaType LINES = ParleyJson.configReader(Object.class).getTypeFactory()
            .constructType(new TypeReference<List<PricedLine>>() {});

    private final Connection connection;
    private final Connection replayConnection;
    private final String storeId;
    /** Replay records written so far (guarded by {@code replayConnection}): expired ones are purged every 10,000. */
    private long remembered;
    private final java.util.concurrent.locks.ReentrantLock replayQueue = new java.util.concurrent.locks.ReentrantLock();
    /**
     * How long the writer behind gathers records before one commit: at a few thousand messages a
     * second, a commit per few milliseconds instead of nearly one per message.
     */
    private static final long BEHIND_WINDOW_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5);
    /** Records waiting for the writer behind, at most: beyond, messages are refused rather than remembered in memory only. */
    static final int MAX_BEHIND = 200_000;
    /** Records for the writer behind, and its state; guarded by {@code replayQueue}. */
    private List<Remembered> behind = new ArrayList<>();
    private final java.util.concurrent.locks.Condition behindArrived = replayQueue.newCondition();
    private final java.util.concurrent.locks.Condition behindWritten = replayQueue.newCondition();
    private int behindInFlight;
    /** Callers waiting in {@link #flushRemembered}: while there are any, the writer does not wait out its window. */
    private int flushing;
    private Thread writerBehind;
    private boolean closing;
    private RuntimeException behindFailure;

    private OrderBook(Connection connection, Connection replayConnection, String storeId) {
        this.connection = connection;
        this.replayConnection = replayConnection;
        this.storeId = storeId;
    }

    /** Opens (creating if needed) the order database at {@code file}. */
    public static OrderBook open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return open("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of order database " + file, e);
        }
    }

    /** An order book in memory, for tests and simulations. */
    public static OrderBook inMemory() {
        return open("jdbc:sqlite::memory:");
    }

    private static OrderBook open(String url) {
        try {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS orders (
                          order_id TEXT PRIMARY KEY,
                          twin TEXT NOT NULL,
                          idempotency_key TEXT NOT NULL,
                          quote_id TEXT NOT NULL UNIQUE,
                          content_hash TEXT NOT NULL,
                          items TEXT NOT NULL,
                          total TEXT NOT NULL,
                          currency TEXT NOT NULL,
                          list_total TEXT,
                          tier TEXT,
                          status TEXT NOT NULL,
                          placed_at TEXT NOT NULL,
                          updated_at TEXT NOT NULL,
                          receipt TEXT NOT NULL,
                          UNIQUE (twin, idempotency_key))""");
                s.execute("CREATE TABLE IF NOT EXISTS order_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                // one row per batch of replay records (see writeRemembered), dropped a day after the last of them expired
                s.execute("CREATE TABLE IF NOT EXISTS replay_batch (forget_after INTEGER NOT NULL, records BLOB NOT NULL)");
                s.execute("CREATE INDEX IF NOT EXISTS replay_batch_expiry ON replay_batch (forget_after)");
                migrateReplayRows(c);
                s.execute("INSERT OR IGNORE INTO order_meta (key, value) VALUES ('store_id', '" + UUID.randomUUID() + "')");
            }
            String storeId;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT value FROM order_meta WHERE key = 'store_id'")) {
                rs.next();
                storeId = rs.getString(1);
            }
            // Replay records are written for every message received: their own connection commits
            // without waiting for the disk (synchronous=NORMAL in WAL mode survives a crash of the
            // process, not of the machine), so they cost no fsync while orders keep FULL.
            Connection replay = url.endsWith(":memory:") ? c : DriverManager.getConnection(url);
            if (replay != c) {
                try (Statement s = replay.createStatement()) {
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA busy_timeout=5000");
                }
            }
            return new OrderBook(c, replay, storeId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open order database " + url + ": " + e.getMessage(), e);
        }
    }

    /** A stable identity of this database, so a cluster loads each node's orders into shared state once. */
    public String storeId() {
        return storeId;
    }

    /** Stores a confirmed order durably, or refuses a second order for its idempotency key or quote. */
    public synchronized void insert(StoredOrder o) throws DuplicateOrderException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO orders (order_id, twin, idempotency_key, quote_id, content_hash, items, total, currency, list_total,
                                    tier, status, placed_at, updated_at, receipt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, o.orderId());
            ps.setString(2, o.twin());
            ps.setString(3, o.idempotencyKey());
            ps.setString(4, o.quoteId());
            ps.setString(5, o.contentHash());
            ps.setString(6, ParleyJson.writeString(o.items()));
            ps.setString(7, o.total().amountString());
            ps.setString(8, o.total().currencyCode());
            ps.setString(9, o.listTotal() == null ? null : o.listTotal().amountString());
            ps.setString(10, o.tier());
            ps.setString(11, o.status().wire());
            ps.setString(12, o.placedAt().toString());
            ps.setString(13, o.updatedAt().toString());
            ps.setString(14, o.receipt());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                throw new DuplicateOrderException("an order already exists for quote " + o.quoteId() + " or key " + o.idempotencyKey());
            }
            throw new IllegalStateException("cannot store order " + o.orderId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Remembers an accepted message (issuer and id) until {@code forgetAfter}, so that a restarted
     * node still refuses its replay; expired records are dropped as new ones arrive. Returns once
     * the record is committed: it goes to the writer behind ({@link #rememberMessageLater}), which
     * commits it at once with every record waiting, so concurrent callers share one commit.
     */
    public void rememberMessage(String key, Instant forgetAfter) {
        rememberMessageLater(key, forgetAfter);
        flushRemembered();
    }

    /**
     * Remembers an accepted message like {@link #rememberMessage} but returns at once: a writer
     * thread commits the records that arrived within a few milliseconds together. What a crash of
     * the process can forget is the records of those last milliseconds (a closed book has written
     * them all); the messages whose effects are durable are idempotent by their own keys (orders
     * by idempotency key and quote), so such a message accepted again after a crash changes
     * nothing. Refuses (with an exception) when the records cannot be written and too many wait.
     */
    public void rememberMessageLater(String key, Instant forgetAfter) {
        replayQueue.lock();
        try {
            if (closing) {
                throw new IllegalStateException("the order database is closed");
            }
            if (behind.size() >= MAX_BEHIND) {
                throw new IllegalStateException("received messages cannot be recorded"
                        + (behindFailure == null ? "" : ": " + behindFailure.getMessage()), behindFailure);
            }
            behind.add(new Remembered(key, forgetAfter.getEpochSecond()));
            if (writerBehind == null) {
                writerBehind = new Thread(this::writeBehind, "parley-replay-writer");
                writerBehind.setDaemon(true);
                writerBehind.start();
            }
            if (behind.size() == 1) {
                behindArrived.signal();
            }
        } finally {
            replayQueue.unlock();
        }
    }

    /**
     * Returns once every record passed to {@link #rememberMessageLater} before the call is
     * committed; throws if the writer failed to commit them.
     */
    public void flushRemembered() {
        replayQueue.lock();
        try {
            if (writerBehind == null) {
                return;
            }
            flushing++;
            try {
                behindArrived.signal();
                while ((!behind.isEmpty() || behindInFlight > 0) && behindFailure == null) {
                    behindWritten.awaitUninterruptibly();
                }
            } finally {
                flushing--;
            }
            if (behindFailure != null) {
                throw new IllegalStateException("cannot record a received message: " + behindFailure.getMessage(), behindFailure);
            }
        } finally {
            replayQueue.unlock();
        }
    }

    private void writeBehind() {
        while (true) {
            List<Remembered> batch;
            replayQueue.lock();
            try {
                while (behind.isEmpty() && !closing) {
                    behindArrived.awaitUninterruptibly();
                }
                if (behind.isEmpty()) {
                    return;
                }
                // gather what arrives in the window (a flush or close ends it early)
                long left = BEHIND_WINDOW_NANOS;
                while (left > 0 && !closing && flushing == 0 && behind.size() < MAX_BEHIND / 4) {
                    try {
                        left = behindArrived.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                batch = behind;
                behind = new ArrayList<>();
                behindInFlight = batch.size();
            } finally {
                replayQueue.unlock();
            }
            RuntimeException failure = tryWrite(batch);
            replayQueue.lock();
            try {
                behindInFlight = 0;
                behindFailure = failure;
                if (failure != null) {
                    // kept for the next round, in order; new records are refused once too many wait
                    batch.addAll(behind);
                    behind = batch;
                }
                behindWritten.signalAll();
                if (failure != null && !closing) {
                    try {
                        behindArrived.awaitNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failure != null && closing) {
                    return;
                }
            } finally {
                replayQueue.unlock();
            }
        }
    }

    /** A replay record waiting for its commit. */
    private record Remembered(String key, long forgetAfter) {}

    /** Writes a batch of records; returns why it failed, or null. */
    private RuntimeException tryWrite(List<Remembered> batch) {
        try {
            writeRemembered(batch);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /**
     * Commits a batch of replay records as one row: the records are only ever read back all
     * together (to restore the replay guard at start), so one row per batch costs one insert
     * where a row per record cost one B-tree insert each (about 40 us of CPU per record here).
     */
    private void writeRemembered(List<Remembered> batch) {
        synchronized (replayConnection) {
            try (PreparedStatement ps = replayConnection.prepareStatement(INSERT_BATCH)) {
                long latest = insertBatch(ps, batch);
                long before = remembered;
                remembered += batch.size();
                if (before / 10_000 != remembered / 10_000) {
                    try (PreparedStatement purge = replayConnection.prepareStatement("DELETE FROM replay_batch WHERE forget_after < ?")) {
                        purge.setLong(1, latest - java.time.Duration.ofDays(1).toSeconds());
                        purge.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static final String INSERT_BATCH = "INSERT INTO replay_batch (forget_after, records) VALUES (?, ?)";

    /** Writes {@code batch} as one row; returns the latest instant to forget one of its records, the row's own. */
    private static long insertBatch(PreparedStatement insert, List<Remembered> batch) throws SQLException {
        long latest = batch.stream().mapToLong(Remembered::forgetAfter).max().orElseThrow();
        insert.setLong(1, latest);
        insert.setBytes(2, encode(batch));
        insert.executeUpdate();
        return latest;
    }

    /** A batch of records as bytes: for each, the second to forget it (8 bytes), the key's length (4) and its UTF-8. */
    private static byte[] encode(List<Remembered> batch) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(Math.min(batch.size(), MIGRATED_PER_ROW) * 100);
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        try {
            for (Remembered r : batch) {
                byte[] key = r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeLong(r.forgetAfter());
                out.writeInt(key.length);
                out.write(key);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Adds the records of {@code blob} to forget after {@code now} to {@code into}, the later instant for a key met twice. */
    private static void decode(byte[] blob, long now, java.util.Map<String, Instant> into) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(blob);
        try {
            while (in.hasRemaining()) {
                long forgetAfter = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new java.nio.BufferUnderflowException();
                }
                String key = new String(blob, in.position(), length, java.nio.charset.StandardCharsets.UTF_8);
                in.position(in.position() + length);
                if (forgetAfter > now) {
                    into.merge(key, Instant.ofEpochSecond(forgetAfter), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalStateException("a batch of replay records in the order database is damaged");
        }
    }

    /** Records per row when moving an earlier database's records: rows of a few megabytes, read and written a chunk at a time. */
    private static final int MIGRATED_PER_ROW = 50_000;

    /**
     * Moves the records of an order database written before batches (one row per record) into
     * rows of {@value #MIGRATED_PER_ROW}, in one transaction, then drops the old table. Expired
     * records move too (no clock here); the purge drops them with their rows.
     */
    private static void migrateReplayRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'replay'")) {
            if (!exists.next()) {
                return;
            }
        }
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT key, forget_after FROM replay");
                 PreparedStatement insert = c.prepareStatement(INSERT_BATCH)) {
                List<Remembered> chunk = new ArrayList<>();
                boolean more = rs.next();
                while (more) {
                    chunk.add(new Remembered(rs.getString(1), rs.getLong(2)));
                    more = rs.next();
                    if (chunk.size() == MIGRATED_PER_ROW || !more) {
                        insertBatch(insert, chunk);
                        chunk.clear();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE replay");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The messages remembered and not yet forgettable at {@code now}: key and instant to forget it. */
    public java.util.Map<String, Instant> rememberedMessages(Instant now) {
        java.util.Map<String, Instant> result = new java.util.HashMap<>();
        synchronized (replayConnection) {
            try (PreparedStatement ps = replayConnection.prepareStatement("SELECT records FROM replay_batch WHERE forget_after > ?")) {
                ps.setLong(1, now.getEpochSecond());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        decode(rs.getBytes(1), now.getEpochSecond(), result);
                    }
                }
                return result;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read received messages: " + e.getMessage(), e);
            }
        }
    }

    /** Records a new status of an order. */
    public synchronized void updateStatus(String orderId, OrderStatus status, Instant at) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE orders SET status = ?, updated_at = ? WHERE order_id = ?")) {
            ps.setString(1, status.wire());
            ps.setString(2, at.toString());
            ps.setString(3, orderId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update order " + orderId + ": " + e.getMessage(), e);
        }
    }

    public Optional<StoredOrder> byId(String orderId) {
        return one("SELECT * FROM orders WHERE order_id = ?", orderId);
    }

    public Optional<StoredOrder> byIdempotencyKey(String twin, String idempotencyKey) {
        return one("SELECT * FROM orders WHERE twin = ? AND idempotency_key = ?", twin, idempotencyKey);
    }

    public Optional<StoredOrder> byQuote(String quoteId) {
        return one("SELECT * FROM orders WHERE quote_id = ?", quoteId);
    }

    /** Every order, oldest first. */
    public List<StoredOrder> all() {
        return many("SELECT * FROM orders ORDER BY placed_at, order_id");
    }

    /** Number of orders of one twin (cancelled ones excluded). */
    public synchronized int countFor(String twin) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM orders WHERE twin = ? AND status <> 'cancelled'")) {
            ps.setString(1, twin);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count orders: " + e.getMessage(), e);
        }
    }

    private Optional<StoredOrder> one(String sql, String... args) {
        List<StoredOrder> found = many(sql, args);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private synchronized List<StoredOrder> many(String sql, String... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<StoredOrder> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(read(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read orders: " + e.getMessage(), e);
        }
    }

    private static StoredOrder read(ResultSet rs) throws SQLException {
        String currency = rs.getString("currency");
        String listTotal = rs.getString("list_total");
        List<PricedLine> items;
        try {
            items = ParleyJson.configReader(Object.class).forType(LINES).readValue(rs.getString("items"));
        } catch (IOException e) {
            throw new SQLException("order " + rs.getString("order_id") + " has unreadable items", e);
        }
        return new StoredOrder(rs.getString("order_id"), rs.getString("twin"), rs.getString("idempotency_key"), rs.getString("quote_id"),
                rs.getString("content_hash"), items, Money.of(rs.getString("total"), currency),
                listTotal == null ? null : Money.of(listTotal, currency), rs.getString("tier"), OrderStatus.fromWire(rs.getString("status")),
                Instant.parse(rs.getString("placed_at")), Instant.parse(rs.getString("updated_at")), rs.getString("receipt"));
    }

    @Override
    public synchronized void close() {
        Thread writer;
        replayQueue.lock();
        try {
            closing = true;
            behindArrived.signalAll();
            writer = writerBehind;
        } finally {
            replayQueue.unlock();
        }
        if (writer != null) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int unwritten;
        replayQueue.lock();
        try {
            unwritten = behind.size();
        } finally {
            replayQueue.unlock();
        }
        try {
            synchronized (replayConnection) {
                if (replayConnection != connection) {
                    replayConnection.close();
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the order database: " + e.getMessage(), e);
        }
        if (unwritten > 0) {
            throw new IllegalStateException(unwritten + " records of received messages could not be written: a restart may accept their replays");
        }
    }
}
