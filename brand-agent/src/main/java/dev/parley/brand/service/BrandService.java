package dev.parley.brand.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.brand.keys.BrandKeys;
import dev.parley.brand.negotiation.NegotiationThread;
import dev.parley.brand.negotiation.Outcome;
import dev.parley.brand.offers.CoMarketer;
import dev.parley.brand.orders.OrderBook;
import dev.parley.brand.orders.StoredOrder;
import dev.parley.brand.policy.BrandPolicy;
import dev.parley.brand.policy.LineTerms;
import dev.parley.brand.shared.SharedState;
import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.keys.DidKey;
import dev.parley.protocol.message.Ack;
import dev.parley.protocol.message.Credential;
import dev.parley.protocol.message.ErrorBody;
import dev.parley.protocol.message.Feedback;
import dev.parley.protocol.message.Intent;
import dev.parley.protocol.message.MessageType;
import dev.parley.protocol.message.NegotiateAccept;
import dev.parley.protocol.message.NegotiateCounter;
import dev.parley.protocol.message.NegotiatePropose;
import dev.parley.protocol.message.NegotiateReject;
import dev.parley.protocol.message.Offer;
import dev.parley.protocol.message.OfferSet;
import dev.parley.protocol.message.OrderCancel;
import dev.parley.protocol.message.OrderConfirmed;
import dev.parley.protocol.message.OrderPlace;
import dev.parley.protocol.message.OrderState;
import dev.parley.protocol.message.OrderStatus;
import dev.parley.protocol.message.OrderStatusQuery;
import dev.parley.protocol.message.PricedLine;
import dev.parley.protocol.message.Quote;
import dev.parley.protocol.message.RejectReason;
import dev.parley.protocol.money.Money;
import dev.parley.protocol.sign.MessageIds;
import dev.parley.protocol.sign.SignedMessage;
import dev.parley.protocol.verify.VerifiedMessage;
import dev.parley.protocol.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A brand's protocol engine: one posted message in, one signed answer out (spec §8.2). It
 * verifies, routes by type, applies the {@link CoMarketer}'s decisions, keeps threads, quotes and
 * orders consistent in {@link SharedState} and the {@link OrderBook}, and signs the answer or a
 * signed {@code error}. Nothing is changed by a message that fails verification.
 *
 * <p>{@link #admit} and {@link Admission#answeredWithoutWaiting() some answers} never wait on a
 * single node; everything else may block (SQLite, cluster maps): call it from worker threads.
 * Thread-safe.
 */
public final class BrandService {

    private static final Logger LOG = LoggerFactory.getLogger(BrandService.class);

    static final String THREADS = "parley.threads";
    static final String IDEMPOTENCY = "parley.idempotency";
    static final String QUOTES_USED = "parley.quotes";
    static final String ORDERS = "parley.orders";
    static final String LOADED_STORES = "parley.stores";
    static final String QUOTE_TIERS = "parley.quote-tiers";

    /**
     * A status change of an order kept by another node's order book, to be applied there; the
     * consumer answers whether that node applied it.
     */
    public record RemoteStatus(String storeId, String orderId, OrderStatus status, Instant at) {}

    private final BrandKeys keys;
    private final Verifier verifier;
    private final CoMarketer co;
    private final SharedState state;
    private final OrderBook orders;
    private final Clock clock;
    private final MessageIds ids;
    private final BrandMetrics metrics;
    private final RateLimiter limiter;
    private final java.util.function.Predicate<RemoteStatus> remoteStatus;
    private final Testing testing;

    /**
     * Test mode (spec §8.6) and injected faults (see {@link Fault}); {@link #NONE} for production.
     * In test mode a {@code negotiate.propose} or {@code negotiate.accept} body may carry
     * {@code x_test_quote_seconds}: the quote it earns is valid that many seconds only (0: already
     * expired when it is presented), so a kit can test {@code quote_expired} without waiting.
     */
    public record Testing(boolean testMode, java.util.Set<Fault> faults) {
        public static final Testing NONE = new Testing(false, java.util.Set.of());

        public Testing {
            faults = java.util.Set.copyOf(faults);
        }

        boolean has(Fault fault) {
            return faults.contains(fault);
        }
    }

    public BrandService(BrandKeys keys, Verifier verifier, CoMarketer co, SharedState state, OrderBook orders, Clock clock,
                        MessageIds ids, BrandMetrics metrics, RateLimiter limiter,
                        java.util.function.Predicate<RemoteStatus> remoteStatus) {
        this(keys, verifier, co, state, orders, clock, ids, metrics, limiter, remoteStatus, Testing.NONE);
    }

    public BrandService(BrandKeys keys, Verifier verifier, CoMarketer co, SharedState state, OrderBook orders, Clock clock,
                        MessageIds ids, BrandMetrics metrics, RateLimiter limiter,
                        java.util.function.Predicate<RemoteStatus> remoteStatus, Testing testing) {
        this.testing = testing;
        this.keys = keys;
        this.verifier = verifier;
        this.co = co;
        this.state = state;
        this.orders = orders;
        this.clock = clock;
        this.ids = ids;
        this.metrics = metrics;
        this.limiter = limiter;
        this.remoteStatus = remoteStatus;
    }

    public String origin() {
        return keys.origin();
    }

    public CoMarketer coMarketer() {
        return co;
    }

    public OrderBook orderBook() {
        return orders;
    }

    /**
     * Counts this node's durable orders into the shared state (reservations, idempotency records,
     * redeemed quotes, order counts, goal ledgers), once per order database across the cluster.
     */
    public void loadOrders() {
        String store = orders.storeId();
        if (!state.putIfAbsent(LOADED_STORES, store, "loaded", null)) {
            return;
        }
        for (StoredOrder o : orders.all()) {
            state.put(ORDERS, o.orderId(), orderIndex(o.twin(), store, o.status(), o.updatedAt(), o.total()));
            state.put(IDEMPOTENCY, o.twin() + ' ' + o.idempotencyKey(), o.contentHash() + '\n' + o.receipt());
            state.put(QUOTES_USED, o.quoteId(), o.orderId());
            if (o.status() != OrderStatus.CANCELLED && o.status() != OrderStatus.RETURNED) {
                co.inventory().restore(o.items());
                co.ledger().addOrders(o.twin(), 1);
                if (o.tier() != null) {
                    co.ledger().record(co.pacer().periodKey(o.tier(), o.placedAt()), o.total(), o.discount());
                }
            }
        }
    }

    /** Handles one posted message (the JWS compact serialization) from {@code client}: {@link #admit}, then {@link #answer}. */
    public Reply handle(String compact, String client) {
        Admission admission = admit(compact, client);
        return admission.refusal() != null ? admission.refusal() : answer(admission);
    }

    /**
     * A posted message after its admission: verified and within its sender's rate, to be
     * {@link #answer answered}; or the signed {@link #refusal} that already answers it.
     */
    public static final class Admission {
        private final VerifiedMessage message;
        private final Reply refusal;
        private final long started;
        private final boolean atOnce;

        private Admission(VerifiedMessage message, Reply refusal, long started, boolean atOnce) {
            this.message = message;
            this.refusal = refusal;
            this.started = started;
            this.atOnce = atOnce;
        }

        /** The answer refusing the message; null when it was admitted. */
        public Reply refusal() {
            return refusal;
        }

        /**
         * Whether {@link #answer} is a short computation for this message that waits for nothing:
         * on a node whose shared state is in its own process, a feedback, or an intent whose
         * offers come from a small search of the in-memory catalog and index (see
         * {@link CoMarketer#answersAtOnce}); no database, network, or lock held across either.
         * Such a message may be answered on the thread that received it; others go to a worker.
         */
        public boolean answeredWithoutWaiting() {
            return atOnce;
        }
    }

    /**
     * Whether {@link #admit} never waits: rate limits and verification (the replay record
     * included, which the order book writes behind) then run in memory. False in a cluster,
     * whose replay records are Hazelcast's.
     */
    public boolean admitsWithoutWaiting() {
        return state.inProcess();
    }

    /**
     * The first half of {@link #handle}: rate limits and verification. A refused message changes
     * nothing but what refusing takes (a rate-limit token; the replay record of a message that
     * verified and was then refused for its sender's rate).
     */
    public Admission admit(String compact, String client) {
        long started = System.nanoTime();
        VerifiedMessage message = null;
        Reply refusal;
        try {
            Optional<Long> wait = limiter.acquire("ip " + client);
            if (wait.isPresent()) {
                throw new RateLimited(wait.get());
            }
            message = verifier.verify(compact);
            wait = limiter.acquire(message.issuer());
            if (wait.isPresent()) {
                throw new RateLimited(wait.get());
            }
            return new Admission(message, null, started, state.inProcess() && quick(message));
        } catch (ProtocolException e) {
            refusal = error(e.code(), e.detail(), null, message, compact);
        } catch (RateLimited e) {
            refusal = error(ErrorCode.RATE_LIMITED, "too many requests; retry after " + e.seconds + " s", e.seconds, message, compact);
        } catch (RuntimeException e) {
            LOG.error("event=internal_error type={} detail=\"{}\"", message == null ? "unknown" : message.type().wire(), e.toString(), e);
            refusal = error(ErrorCode.INTERNAL_ERROR, "the brand agent failed to handle this message", null, message, compact);
        }
        record(message, refusal, started);
        return new Admission(message, refusal, started, false);
    }

    /** Whether answering {@code m} computes briefly from memory alone (on a single node). */
    private boolean quick(VerifiedMessage m) {
        if (m.type() == MessageType.FEEDBACK) {
            return true;
        }
        if (m.type() != MessageType.INTENT) {
            return false;
        }
        JsonNode wants = m.bodyTree().get("wants");
        return co.answersAtOnce(wants == null ? 0 : wants.size());
    }

    /** The second half of {@link #handle}: the signed answer to an admitted message. */
    public Reply answer(Admission admission) {
        if (admission.refusal != null) {
            throw new IllegalArgumentException("a refused message has its answer already");
        }
        VerifiedMessage message = admission.message;
        Reply reply;
        try {
            reply = route(message);
        } catch (ProtocolException e) {
            reply = error(e.code(), e.detail(), null, message, null);
        } catch (RuntimeException e) {
            LOG.error("event=internal_error type={} detail=\"{}\"", message.type().wire(), e.toString(), e);
            reply = error(ErrorCode.INTERNAL_ERROR, "the brand agent failed to handle this message", null, message, null);
        }
        record(message, reply, admission.started);
        return reply;
    }

    private void record(VerifiedMessage message, Reply reply, long started) {
        String type = message == null ? "unknown" : message.type().wire();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        metrics.request(type, reply.error(), took);
        if (LOG.isDebugEnabled()) {
            LOG.debug("event=message type={} iss={} status={} code={} ms={}", type, message == null ? "-" : message.issuer(),
                    reply.status(), reply.error() == null ? "-" : reply.error().wire(), took.toMillis());
        }
    }

    private static final class RateLimited extends Exception {
        final long seconds;

        RateLimited(long seconds) {
            super(null, null, false, false);
            this.seconds = seconds;
        }
    }

    private Reply route(VerifiedMessage m) throws ProtocolException {
        if (!DidKey.looksLike(m.issuer())) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a brand agent answers twins (did:key issuers), not " + m.issuer());
        }
        return switch (m.type()) {
            case INTENT -> intent(m);
            case NEGOTIATE_PROPOSE -> propose(m);
            case NEGOTIATE_COUNTER -> counter(m);
            case NEGOTIATE_ACCEPT -> accept(m);
            case NEGOTIATE_REJECT -> rejectThread(m);
            case ORDER_PLACE -> place(m);
            case ORDER_STATUS -> status(m);
            case ORDER_CANCEL -> cancel(m);
            case FEEDBACK -> feedback(m);
            case INTEREST_SUBSCRIBE, INTEREST_REVOKE ->
                    throw new ProtocolException(ErrorCode.UNSUPPORTED_CAPABILITY, "this brand does not take interest subscriptions");
            default -> throw new ProtocolException(ErrorCode.INVALID_REQUEST, m.type().wire() + " is not a request a brand answers");
        };
    }

    // ---- intent -------------------------------------------------------------------------------

    private Reply intent(VerifiedMessage m) throws ProtocolException {
        Intent intent = m.body(Intent.class);
        BrandPolicy.Tier tier = provenTier(m.issuer(), intent.credentials());
        Instant now = clock.instant();
        List<Offer> offers = co.offers(m.issuer(), intent, tier, now);
        metrics.offers(offers.size());
        String tierName = tier.equals(co.policy().baseTier()) ? null : tier.name();
        String note = offers.isEmpty() ? "nothing in the catalog matches this intent right now" : null;
        return ok(sign(MessageType.OFFER_SET, new OfferSet(offers, tierName, note), m, Duration.ofSeconds(co.policy().lifetimes().offerSeconds())));
    }

    /** The best tier among the credentials this brand issued to this twin key; invalid ones are ignored (§7). */
    private BrandPolicy.Tier provenTier(String twin, List<String> credentials) {
        BrandPolicy.Tier best = co.policy().baseTier();
        for (String compact : credentials) {
            try {
                VerifiedMessage c = verifier.verifyPresented(compact, twin);
                if (c.type() != MessageType.CREDENTIAL || !c.issuer().equals(origin())) {
                    continue;
                }
                Credential credential = c.body(Credential.class);
                BrandPolicy.Tier tier = co.policy().tier(credential.claims().tier());
                if (credential.subject().equals(twin) && tier.minOrders() > best.minOrders()) {
                    best = tier;
                }
            } catch (ProtocolException ignored) {
                // a credential that does not verify proves nothing; the intent is still answered
            }
        }
        return best;
    }

    // ---- negotiation ----------------------------------------------------------------------------

    private Reply propose(VerifiedMessage m) throws ProtocolException {
        requireNegotiation();
        NegotiatePropose propose = m.body(NegotiatePropose.class);
        String threadId = requireThread(m);
        if (propose.round() != 1) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a thread opens at round 1, not " + propose.round());
        }
        Instant now = clock.instant();
        Offer offer = propose.offer().offerSet() == null ? publicOffer(propose.offer().offerId()) : personalOffer(propose, m.issuer());
        if (!offer.validAt(now)) {
            throw new ProtocolException(ErrorCode.EXPIRED, "offer " + offer.offerId() + " is valid until " + offer.validUntil());
        }
        BrandPolicy.Tier tier = co.policy().tier(offer.eligibility().tier());
        List<LineTerms> terms = new ArrayList<>();
        List<Money> prices = new ArrayList<>();
        if (propose.items().size() != offer.items().size()) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a proposal prices every line of the offer (" + offer.items().size() + ")");
        }
        for (int i = 0; i < offer.items().size(); i++) {
            PricedLine offered = offer.items().get(i);
            PricedLine proposed = propose.items().get(i);
            if (!proposed.sku().equals(offered.sku())) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "line " + (i + 1) + " of the proposal is " + proposed.sku() + ", the offer's is " + offered.sku());
            }
            int quantity = offer.items().size() == 1 ? proposed.quantity() : offered.quantity();
            if (proposed.quantity() != quantity) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a bundle's quantities are fixed: " + offered.sku() + " × " + offered.quantity());
            }
            checkQuantity(offer, quantity);
            requireStock(proposed.sku(), quantity);
            requireCurrency(proposed.unitPrice(), offered.unitPrice());
            try {
                terms.add(co.negotiationTerms(offered, quantity, tier, !Boolean.FALSE.equals(offer.negotiable()), now));
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorCode.NOT_FOUND, e.getMessage());
            }
            prices.add(proposed.unitPrice());
        }
        if (testing.has(Fault.QUOTE_BELOW_FLOOR)) {
            terms = terms.stream().map(BrandService::withoutFloor).toList();
        }
        List<LineTerms> agreedTerms = terms;
        return state.locked(THREADS, threadId, () -> {
            try {
                if (state.get(THREADS, threadId).isPresent()) {
                    throw new ProtocolException(ErrorCode.INVALID_REQUEST, "thread " + threadId + " already exists; a new negotiation needs a new thread id");
                }
                metrics.negotiation("opened");
                Outcome outcome = co.negotiator().open(threadId, m.issuer(), offer.offerId(), tier.name(), agreedTerms, prices, m.id(), now);
                return answer(m, outcome);
            } catch (ProtocolException e) {
                return error(e.code(), e.detail(), null, m, null);
            }
        });
    }

    /** {@link Fault#QUOTE_BELOW_FLOOR}: the line's floor and limit as low as money goes. */
    private static LineTerms withoutFloor(LineTerms t) {
        Money cent = Money.of("0.01", t.offerPrice().currencyCode());
        return new LineTerms(t.sku(), t.quantity(), t.listPrice(), t.offerPrice(), cent, cent, t.incentives());
    }

    /** A public offer of this brand's catalog (spec §5.4), open to any twin. */
    private Offer publicOffer(String offerId) throws ProtocolException {
        Offer offer = co.catalog().offer(offerId)
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no public offer " + offerId + "; a personal offer needs offer.offer_set"));
        if (offer.eligibility().tier() != null) {
            throw new ProtocolException(ErrorCode.NOT_ELIGIBLE, "offer " + offerId + " is for tier " + offer.eligibility().tier() + " only");
        }
        return offer;
    }

    /** A personal offer, from the offer.set this brand sent to this twin, presented back (spec §6). */
    private Offer personalOffer(NegotiatePropose propose, String twin) throws ProtocolException {
        VerifiedMessage set;
        try {
            set = verifier.verifyPresented(propose.offer().offerSet(), twin);
        } catch (ProtocolException e) {
            throw new ProtocolException(e.code() == ErrorCode.EXPIRED ? ErrorCode.EXPIRED : ErrorCode.NOT_ELIGIBLE,
                    "the presented offer.set does not verify: " + e.detail());
        }
        if (set.type() != MessageType.OFFER_SET || !set.issuer().equals(origin())) {
            throw new ProtocolException(ErrorCode.NOT_ELIGIBLE, "offer.offer_set is not an offer.set of " + origin());
        }
        Offer offer = set.body(OfferSet.class).offers().stream().filter(o -> o.offerId().equals(propose.offer().offerId())).findFirst()
                .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "offer " + propose.offer().offerId() + " is not in the presented offer.set"));
        if (!twin.equals(offer.eligibility().twin())) {
            throw new ProtocolException(ErrorCode.NOT_ELIGIBLE, "offer " + offer.offerId() + " was made to another twin");
        }
        return offer;
    }

    private Reply counter(VerifiedMessage m) throws ProtocolException {
        requireNegotiation();
        NegotiateCounter counter = m.body(NegotiateCounter.class);
        String threadId = requireThread(m);
        return onThread(m, threadId, thread -> {
            if (counter.items().size() != thread.terms().size()) {
                throw new ProtocolException(ErrorCode.INVALID_REQUEST, "a counter prices every line of the thread (" + thread.terms().size() + ")");
            }
            List<Money> prices = new ArrayList<>();
            for (int i = 0; i < thread.terms().size(); i++) {
                LineTerms t = thread.terms().get(i);
                PricedLine line = counter.items().get(i);
                if (!line.sku().equals(t.sku()) || line.quantity() != t.quantity()) {
                    throw new ProtocolException(ErrorCode.INVALID_REQUEST, "line " + (i + 1) + " must be " + t.quantity() + " × " + t.sku() + " as in the thread");
                }
                requireCurrency(line.unitPrice(), t.offerPrice());
                prices.add(line.unitPrice());
            }
            return co.negotiator().counter(thread, counter.round(), prices, m.id(), clock.instant());
        });
    }

    private Reply accept(VerifiedMessage m) throws ProtocolException {
        requireNegotiation();
        NegotiateAccept accept = m.body(NegotiateAccept.class);
        String threadId = requireThread(m);
        return onThread(m, threadId, thread -> co.negotiator().accept(thread, accept.round(), clock.instant()));
    }

    private Reply rejectThread(VerifiedMessage m) throws ProtocolException {
        m.body(NegotiateReject.class);
        String threadId = requireThread(m);
        return onThread(m, threadId, thread -> {
            co.negotiator().requireOpen(thread, clock.instant());
            return new Outcome.Closed(thread.closed(), RejectReason.WITHDRAWN, "the twin withdrew");
        });
    }

    @FunctionalInterface
    private interface ThreadMove {
        Outcome apply(NegotiationThread thread) throws ProtocolException;
    }

    private Reply onThread(VerifiedMessage m, String threadId, ThreadMove move) {
        return state.locked(THREADS, threadId, () -> {
            try {
                NegotiationThread thread = readThread(threadId)
                        .filter(t -> t.twin().equals(m.issuer()))
                        .orElseThrow(() -> new ProtocolException(ErrorCode.NOT_FOUND, "no negotiation thread " + threadId));
                try {
                    return answer(m, move.apply(thread));
                } catch (ProtocolException e) {
                    if (e.code() == ErrorCode.THREAD_CLOSED && thread.status() == NegotiationThread.Status.OPEN) {
                        saveThread(thread.closed());
                        metrics.negotiation("closed");
                    }
                    throw e;
                }
            } catch (ProtocolException e) {
                return error(e.code(), e.detail(), null, m, null);
            }
        });
    }

    /** Signs the answer to a negotiation move and stores the thread as it now stands. Runs under the thread's lock. */
    private Reply answer(VerifiedMessage m, Outcome outcome) throws ProtocolException {
        NegotiationThread thread = outcome.thread();
        if (outcome instanceof Outcome.Counter c) {
            SignedMessage signed = sign(MessageType.NEGOTIATE_COUNTER,
                    new NegotiateCounter(c.lines(), thread.round(), c.finalOffer() ? Boolean.TRUE : null, null), m, null);
            saveThread(thread.answeredBy(signed.id()));
            metrics.negotiation("countered");
            return ok(signed);
        }
        if (outcome instanceof Outcome.Agreed a) {
            long seconds = quoteSeconds(m);
            Quote quote = quote(thread, a.lines(), seconds);
            SignedMessage signed = sign(MessageType.QUOTE, quote, m, Duration.ofSeconds(Math.max(1, seconds)));
            saveThread(thread.agreed(quote.quoteId()).answeredBy(signed.id()));
            state.putIfAbsent(QUOTE_TIERS, quote.quoteId(), thread.tier(),
                    Duration.ofSeconds(co.policy().lifetimes().quoteSeconds()).plus(Duration.ofMinutes(5)));
            metrics.negotiation("agreed");
            return ok(signed);
        }
        Outcome.Closed closed = (Outcome.Closed) outcome;
        saveThread(thread.closed());
        metrics.negotiation("closed");
        MessageType type = m.type() == MessageType.NEGOTIATE_REJECT ? MessageType.ACK : MessageType.NEGOTIATE_REJECT;
        Object body = type == MessageType.ACK ? new Ack("thread " + thread.threadId() + " closed") : new NegotiateReject(closed.reason(), closed.detail());
        return ok(sign(type, body, m, null));
    }

    /**
     * The binding quote for agreed lines. Checked here once more, whatever decided the prices:
     * never below a line's floor, never more units than available, never on a closed or expired thread.
     */
    /** The lifetime of a quote earned by {@code m}: the policy's, or in test mode the one the request asks for (spec §8.6). */
    private long quoteSeconds(VerifiedMessage m) {
        long policy = co.policy().lifetimes().quoteSeconds();
        JsonNode asked = m.bodyTree().get("x_test_quote_seconds");
        if (testing.testMode() && asked != null && asked.canConvertToLong() && asked.asLong() >= 0) {
            return Math.min(policy, asked.asLong());
        }
        return policy;
    }

    private Quote quote(NegotiationThread thread, List<PricedLine> lines, long seconds) throws ProtocolException {
        co.negotiator().requireOpen(thread, clock.instant());
        Money listTotal = null;
        for (int i = 0; i < lines.size(); i++) {
            PricedLine line = lines.get(i);
            LineTerms terms = thread.terms().get(i);
            if (line.unitPrice().isLessThan(terms.floor())) {
                throw new IllegalStateException("refusing to quote " + line.sku() + " at " + line.unitPrice() + " below its floor");
            }
            requireStock(line.sku(), line.quantity());
            Money list = terms.listPrice().times(line.quantity());
            listTotal = listTotal == null ? list : listTotal.plus(list);
        }
        Money total = lines.stream().map(PricedLine::total).reduce(Money::plus).orElseThrow();
        // whole seconds, so that valid_until is never later than the envelope's exp (spec §5.8)
        Instant until = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(seconds);
        return new Quote("q-" + ids.next(), thread.twin(), thread.offerId(), lines, total, listTotal, until, null);
    }

    private Optional<NegotiationThread> readThread(String threadId) throws ProtocolException {
        Optional<String> json = state.get(THREADS, threadId);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ParleyJson.bind(ParleyJson.readObject(json.get().getBytes(StandardCharsets.UTF_8)), NegotiationThread.class));
    }

    private void saveThread(NegotiationThread thread) {
        state.put(THREADS, thread.threadId(), ParleyJson.writeString(thread));
    }

    private void requireNegotiation() throws ProtocolException {
        if (!co.policy().negotiation().enabled()) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_CAPABILITY, "this brand does not negotiate; its offers stand as made");
        }
    }

    private static String requireThread(VerifiedMessage m) throws ProtocolException {
        if (m.thread() == null) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, m.type().wire() + " needs a thread id in the envelope");
        }
        return m.thread();
    }

    private static void checkQuantity(Offer offer, int quantity) throws ProtocolException {
        Integer min = offer.eligibility().minQuantity();
        Integer max = offer.eligibility().maxQuantity();
        if ((min != null && quantity < min) || (max != null && quantity > max)) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "offer " + offer.offerId() + " allows " + (min == null ? 1 : min)
                    + " to " + (max == null ? "any number of" : max) + " units, not " + quantity);
        }
    }

    private void requireStock(dev.parley.protocol.message.Sku sku, int quantity) throws ProtocolException {
        long available = co.inventory().available(sku);
        if (available < quantity) {
            throw new ProtocolException(ErrorCode.INSUFFICIENT_STOCK, quantity + " units of " + sku + " asked, " + available + " available");
        }
    }

    private static void requireCurrency(Money proposed, Money offered) throws ProtocolException {
        if (!proposed.currency().equals(offered.currency())) {
            throw new ProtocolException(ErrorCode.INVALID_REQUEST, "prices are in " + offered.currencyCode() + ", not " + proposed.currencyCode());
        }
    }

    // ---- orders -----------------------------------------------------------------------------------

    private Reply place(VerifiedMessage m) throws ProtocolException {
        OrderPlace place = m.body(OrderPlace.class);
        String twin = m.issuer();
        Quote quote = presentedQuote(place.quote(), twin);
        String hash = ContentHash.of(m.bodyTree());
        String key = twin + ' ' + place.idempotencyKey();
        return state.locked(IDEMPOTENCY, key, () -> {
            try {
                Optional<String> seen = state.get(IDEMPOTENCY, key);
                if (seen.isPresent()) {
                    Reply first = repeat(seen.get(), hash, place.idempotencyKey());
                    return testing.has(Fault.DOUBLE_CHARGE_RETRY) ? chargeAgain(first, m) : first;
                }
                return confirm(m, place, quote, hash, key);
            } catch (ProtocolException e) {
                return error(e.code(), e.detail(), null, m, null);
            }
        });
    }

    private Reply repeat(String record, String hash, String idempotencyKey) throws ProtocolException {
        int newline = record.indexOf('\n');
        if (!record.substring(0, newline).equals(hash)) {
            throw new ProtocolException(ErrorCode.IDEMPOTENCY_CONFLICT, "idempotency key " + idempotencyKey + " was used for a different order");
        }
        String receipt = record.substring(newline + 1);
        return new Reply(200, receipt, MessageType.ORDER_CONFIRMED, null, null);
    }

    /** {@link Fault#DOUBLE_CHARGE_RETRY}: a second order and receipt for a retried order.place. */
    private Reply chargeAgain(Reply first, VerifiedMessage m) throws ProtocolException {
        ObjectNode claimed = claimedPayload(first.compact());
        OrderConfirmed earlier = ParleyJson.bind(claimed.get("body"), OrderConfirmed.class);
        String orderId = "o-" + ids.next();
        OrderConfirmed again = new OrderConfirmed(orderId, earlier.quoteId(), earlier.twin(), earlier.idempotencyKey(), earlier.items(),
                earlier.total(), OrderStatus.CONFIRMED, clock.instant(), null);
        state.put(ORDERS, orderId, orderIndex(m.issuer(), orders.storeId(), OrderStatus.CONFIRMED, clock.instant(), earlier.total()));
        return ok(sign(MessageType.ORDER_CONFIRMED, again, m, Duration.ofDays(365)));
    }

    private Quote presentedQuote(String compact, String twin) throws ProtocolException {
        VerifiedMessage q;
        try {
            q = verifier.verifyPresented(compact, twin);
        } catch (ProtocolException e) {
            if (e.code() == ErrorCode.EXPIRED) {
                throw new ProtocolException(ErrorCode.QUOTE_EXPIRED, "the quote has expired");
            }
            throw new ProtocolException(ErrorCode.QUOTE_INVALID, "the quote does not verify: " + e.code().wire() + ": " + e.detail());
        }
        if (q.type() != MessageType.QUOTE || !q.issuer().equals(origin())) {
            throw new ProtocolException(ErrorCode.QUOTE_INVALID, "order.place must carry a quote issued by " + origin());
        }
        Quote quote = q.body(Quote.class);
        if (!quote.twin().equals(twin)) {
            throw new ProtocolException(ErrorCode.QUOTE_INVALID, "the quote was made for another twin");
        }
        if (!clock.instant().isBefore(quote.validUntil()) && !testing.has(Fault.ACCEPT_EXPIRED_QUOTE)) {
            throw new ProtocolException(ErrorCode.QUOTE_EXPIRED, "the quote was valid until " + quote.validUntil());
        }
        return quote;
    }

    /** Confirms a new order. Runs under the lock of its idempotency key. */
    private Reply confirm(VerifiedMessage m, OrderPlace place, Quote quote, String hash, String key) throws ProtocolException {
        String orderId = "o-" + ids.next();
        if (!state.putIfAbsent(QUOTES_USED, quote.quoteId(), orderId, null)) {
            throw new ProtocolException(ErrorCode.QUOTE_INVALID, "quote " + quote.quoteId() + " was already redeemed by another order");
        }
        boolean reserved = false;
        try {
            if (!co.inventory().reserve(quote.items())) {
                throw new ProtocolException(ErrorCode.INSUFFICIENT_STOCK, "not enough stock left for this quote");
            }
            reserved = true;
            Instant now = clock.instant();
            int earlier = co.ledger().orders(m.issuer());
            BrandPolicy.Tier earned = co.tierForOrders(earlier + 1);
            String credential = null;
            if (!earned.equals(co.policy().baseTier())) {
                Credential body = new Credential("c-" + ids.next(), m.issuer(), new Credential.Claims(earned.name(), now, earlier + 1));
                credential = keys.signer().message(MessageType.CREDENTIAL, body).to(m.issuer()).ttl(MessageType.CREDENTIAL.maxLifetime()).sign().compact();
            }
            OrderConfirmed body = new OrderConfirmed(orderId, quote.quoteId(), m.issuer(), place.idempotencyKey(), quote.items(), quote.total(),
                    OrderStatus.CONFIRMED, now, credential);
            SignedMessage receipt = sign(MessageType.ORDER_CONFIRMED, body, m, Duration.ofDays(365));
            String tier = tierOfQuote(quote);
            StoredOrder order = new StoredOrder(orderId, m.issuer(), place.idempotencyKey(), quote.quoteId(), hash, quote.items(), quote.total(),
                    quote.listTotal(), tier, OrderStatus.CONFIRMED, now, now, receipt.compact());
            orders.insert(order);
            state.put(IDEMPOTENCY, key, hash + '\n' + receipt.compact());
            state.put(ORDERS, orderId, orderIndex(m.issuer(), orders.storeId(), OrderStatus.CONFIRMED, now, quote.total()));
            co.ledger().addOrders(m.issuer(), 1);
            co.ledger().record(co.pacer().periodKey(tier, now), order.total(), order.discount());
            metrics.order(quote.total());
            return ok(receipt);
        } catch (OrderBook.DuplicateOrderException e) {
            if (reserved) {
                co.inventory().release(quote.items());
            }
            throw new ProtocolException(ErrorCode.QUOTE_INVALID, e.getMessage());
        } catch (ProtocolException | RuntimeException e) {
            if (reserved) {
                co.inventory().release(quote.items());
            }
            state.remove(QUOTES_USED, quote.quoteId());
            throw e;
        }
    }

    /** The tier a quote was negotiated for, from its thread; the base tier for quotes without one. */
    private String tierOfQuote(Quote quote) {
        return state.get(QUOTE_TIERS, quote.quoteId()).orElse(co.policy().baseTier().name());
    }

    private Reply status(VerifiedMessage m) throws ProtocolException {
        OrderStatusQuery query = m.body(OrderStatusQuery.class);
        OrderIndex order = indexOf(query.orderId(), m.issuer());
        return ok(sign(MessageType.ORDER_STATE, new OrderState(query.orderId(), order.status, order.updatedAt, null, order.total), m, Duration.ofHours(1)));
    }

    private Reply cancel(VerifiedMessage m) throws ProtocolException {
        OrderCancel cancel = m.body(OrderCancel.class);
        String orderId = cancel.orderId();
        return state.locked(ORDERS, orderId, () -> {
            try {
                OrderIndex order = indexOf(orderId, m.issuer());
                if (order.status == OrderStatus.CANCELLED) {
                    return ok(sign(MessageType.ORDER_STATE, new OrderState(orderId, order.status, order.updatedAt, null, order.total), m, Duration.ofHours(1)));
                }
                if (order.status != OrderStatus.CONFIRMED) {
                    throw new ProtocolException(ErrorCode.ORDER_NOT_CANCELLABLE, "order " + orderId + " is " + order.status.wire() + " and can no longer be cancelled");
                }
                Instant now = clock.instant();
                Optional<StoredOrder> local = orders.byId(orderId);
                if (local.isPresent()) {
                    orders.updateStatus(orderId, OrderStatus.CANCELLED, now);
                    StoredOrder o = local.get();
                    co.inventory().release(o.items());
                    co.ledger().addOrders(o.twin(), -1);
                    if (o.tier() != null) {
                        co.ledger().reverse(co.pacer().periodKey(o.tier(), o.placedAt()), o.total(), o.discount());
                    }
                } else if (!remoteStatus.test(new RemoteStatus(order.store, orderId, OrderStatus.CANCELLED, now))) {
                    throw new ProtocolException(ErrorCode.UNAVAILABLE, "the node that keeps order " + orderId + " does not answer; retry later");
                }
                state.put(ORDERS, orderId, orderIndex(m.issuer(), order.store, OrderStatus.CANCELLED, now, order.total));
                return ok(sign(MessageType.ORDER_STATE, new OrderState(orderId, OrderStatus.CANCELLED, now, null, order.total), m, Duration.ofHours(1)));
            } catch (ProtocolException e) {
                return error(e.code(), e.detail(), null, m, null);
            }
        });
    }

    /**
     * Applies a cancellation decided by another node to an order of this node's book: marks it,
     * and gives back its units and counts.
     */
    public void applyRemoteCancel(String orderId, Instant at) {
        orders.byId(orderId).filter(o -> o.status() == OrderStatus.CONFIRMED).ifPresent(o -> {
            orders.updateStatus(orderId, OrderStatus.CANCELLED, at);
            co.inventory().release(o.items());
            co.ledger().addOrders(o.twin(), -1);
            if (o.tier() != null) {
                co.ledger().reverse(co.pacer().periodKey(o.tier(), o.placedAt()), o.total(), o.discount());
            }
        });
    }

    private record OrderIndex(String twin, String store, OrderStatus status, Instant updatedAt, Money total) {}

    private static String orderIndex(String twin, String store, OrderStatus status, Instant at, Money total) {
        return String.join("\n", twin, store, status.wire(), at.toString(), total.amountString(), total.currencyCode());
    }

    private OrderIndex indexOf(String orderId, String twin) throws ProtocolException {
        String[] f = state.get(ORDERS, orderId).map(s -> s.split("\n")).orElse(null);
        if (f == null || !f[0].equals(twin)) {
            throw new ProtocolException(ErrorCode.NOT_FOUND, "no order " + orderId + " of this twin");
        }
        return new OrderIndex(f[0], f[1], OrderStatus.fromWire(f[2]), Instant.parse(f[3]), Money.of(f[4], f[5]));
    }

    private Reply feedback(VerifiedMessage m) throws ProtocolException {
        Feedback feedback = m.body(Feedback.class);
        metrics.feedback(feedback.signal().wire());
        return ok(sign(MessageType.ACK, new Ack(null), m, null));
    }

    /** A signed error for a request refused before it could be read as a message (wrong method, media type, size). */
    public Reply refuse(ErrorCode code, String detail, String compact) {
        return error(code, detail, null, null, compact);
    }

    // ---- signing ------------------------------------------------------------------------------------

    private SignedMessage sign(MessageType type, Object body, VerifiedMessage request, Duration ttl) {
        var draft = keys.signer().message(type, body).to(request.issuer()).re(request.id());
        if (request.thread() != null) {
            draft.thread(request.thread());
        }
        if (ttl != null) {
            draft.ttl(ttl.compareTo(type.maxLifetime()) > 0 ? type.maxLifetime() : ttl);
        }
        return draft.sign();
    }

    private static Reply ok(SignedMessage signed) {
        return new Reply(200, signed.compact(), signed.type(), null, null);
    }

    /**
     * A signed error. Addressed to the request's issuer when it could be attributed: verified, or
     * at least readable from the unverified payload (the answer carries no information the sender
     * lacks, so addressing it to a claimed issuer harms no one).
     */
    private Reply error(ErrorCode code, String detail, Long retryAfter, VerifiedMessage verified, String compact) {
        if (testing.has(Fault.UNSIGNED_ERRORS)) {
            return new Reply(code.httpStatus(), ParleyJson.writeString(new ErrorBody(code, detail, retryAfter)), MessageType.ERROR, code, retryAfter);
        }
        String aud = null;
        String re = null;
        String thread = null;
        if (verified != null) {
            aud = verified.issuer();
            re = verified.id();
            thread = verified.thread();
        } else if (compact != null) {
            ObjectNode claimed = claimedPayload(compact);
            if (claimed != null) {
                aud = text(claimed, "iss");
                re = text(claimed, "id");
            }
        }
        var draft = keys.signer().message(MessageType.ERROR, new ErrorBody(code, detail, retryAfter));
        if (aud != null) {
            draft.to(aud);
        }
        if (re != null) {
            draft.re(re);
        }
        if (thread != null) {
            draft.thread(thread);
        }
        String signed = aud != null ? draft.sign().compact() : unaddressedError(new ErrorBody(code, detail, retryAfter));
        return new Reply(code.httpStatus(), signed, MessageType.ERROR, code, retryAfter);
    }

    /**
     * An error to a request nobody can be named for (not even a claimed issuer): signed like any
     * other, without {@code aud}; its receiver can check the signature, not the audience.
     */
    private String unaddressedError(ErrorBody body) {
        long now = clock.instant().getEpochSecond();
        ObjectNode payload = ParleyJson.object();
        payload.put("parley", dev.parley.protocol.Protocol.VERSION);
        payload.put("type", MessageType.ERROR.wire());
        payload.put("id", ids.next());
        payload.put("iss", origin());
        payload.put("iat", now);
        payload.put("exp", now + 300);
        payload.set("body", ParleyJson.toTree(body));
        return keys.signer().signPayload(payload);
    }

    private static ObjectNode claimedPayload(String compact) {
        int dot1 = compact.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : compact.indexOf('.', dot1 + 1);
        if (dot2 < 0) {
            return null;
        }
        try {
            JsonNode node = ParleyJson.readObject(Base64.getUrlDecoder().decode(compact.substring(dot1 + 1, dot2)));
            return node instanceof ObjectNode o ? o : null;
        } catch (ProtocolException | IllegalArgumentException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile(
            "https://[a-z0-9.-]{1,253}(:[0-9]{1,5})?|http://(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?");

    /** A claimed {@code iss} or {@code id}, only if well-formed: an error must itself be a valid message. */
    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String s = value.asText();
        boolean valid = field.equals("iss")
                ? (DidKey.looksLike(s) && s.length() <= 128) || ORIGIN.matcher(s).matches()
                : dev.parley.protocol.Syntax.id(s);
        return valid ? s : null;
    }

    /**
     * Test mode (spec §8.6): the in-stock product with the most units that can still be promised,
     * as {@code {"sku", "available", "floor"}}; empty when no product has a stock figure.
     */
    public Optional<ObjectNode> testFixture() {
        if (!testing.testMode()) {
            return Optional.empty();
        }
        dev.parley.protocol.message.Product best = null;
        long bestAvailable = 0;
        for (dev.parley.protocol.message.Product p : co.catalog().all()) {
            long available = co.inventory().available(p.sku());
            if (p.stock() != null && p.availability() == dev.parley.protocol.message.Availability.IN_STOCK && available > bestAvailable) {
                best = p;
                bestAvailable = available;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        ObjectNode fixture = ParleyJson.object();
        fixture.put("sku", best.sku().toString());
        fixture.put("available", bestAvailable);
        fixture.set("floor", ParleyJson.toTree(co.pricer().floor(best)));
        return Optional.of(fixture);
    }

    /** Supplies the did:key ids used by tests and tools that need a fresh thread or key id. */
    public Supplier<String> ids() {
        return ids::next;
    }
}
