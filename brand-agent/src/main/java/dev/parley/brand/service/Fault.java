package dev.parley.brand.service;

/**
 * A deliberate protocol fault, for proving that a conformance kit detects it. Faults are set only
 * in code, through {@code BrandNode.Options}; no configuration file or environment variable can
 * reach them, and a node started without them (every node but such tests) has none.
 */
public enum Fault {
    /** Errors are answered as plain JSON instead of signed {@code error} messages (spec §8.2). */
    UNSIGNED_ERRORS,
    /** Conversational messages are not checked for replay (spec §4.1 step 10). */
    ACCEPT_REPLAY,
    /** A presented quote past its {@code valid_until} is accepted (spec §11). */
    ACCEPT_EXPIRED_QUOTE,
    /** Every opening proposal is agreed at the proposed prices, floors ignored (spec §6 step 4). */
    QUOTE_BELOW_FLOOR,
    /** A retried {@code order.place} gets a new order and receipt instead of the first (spec §11). */
    DOUBLE_CHARGE_RETRY,
    /** Pages of one sequence change order from one request to the next (spec §8.3). */
    UNSTABLE_PAGING
}
