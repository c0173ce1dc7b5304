package dev.parley.protocol;

/** Constants of the Parley protocol version this core implements. */
public final class Protocol {
    /** The protocol version carried in every envelope's {@code parley} field. */
    public static final String VERSION = "0.1";
    /** The JWS {@code typ} header value of every Parley message. */
    public static final String JWS_TYP = "parley+jws";
    /** The media type of a Parley message on HTTP (a JWS compact serialization). */
    public static final String MEDIA_TYPE = "application/jose";
    /** Largest JWS compact serialization a verifier accepts, in bytes. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /** Clock skew tolerated on {@code iat} and {@code exp}. */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(60);

    private Protocol() {}
}
