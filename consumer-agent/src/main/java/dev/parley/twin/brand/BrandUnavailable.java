package dev.parley.twin.brand;

/**
 * A brand the twin could not use in a run: down, slow, or answering with something that does
 * not verify. The reason is recorded for the person; the run goes on without the brand.
 */
public final class BrandUnavailable extends RuntimeException {

    /** Why a brand was skipped. */
    public enum Reason { UNREACHABLE, TIMEOUT, BAD_SIGNATURE, PROTOCOL_ERROR, REFUSED }

    private final Reason reason;

    public BrandUnavailable(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
