package dev.parley.protocol.keys;

import dev.parley.protocol.error.ErrorCode;
import dev.parley.protocol.error.ProtocolException;
import java.util.List;

/** Asks several resolvers in turn; the first that knows the issuer answers. */
final class CompositeKeyResolver implements KeyResolver {
    private final List<KeyResolver> resolvers;

    CompositeKeyResolver(List<KeyResolver> resolvers) {
        this.resolvers = List.copyOf(resolvers);
    }

    @Override
    public VerificationKey resolve(String issuer, String kid) throws ProtocolException {
        ProtocolException last = null;
        for (KeyResolver resolver : resolvers) {
            try {
                return resolver.resolve(issuer, kid);
            } catch (ProtocolException e) {
                if (e.code() != ErrorCode.UNKNOWN_KEY) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last : new ProtocolException(ErrorCode.UNKNOWN_KEY, "no key source for issuer " + issuer);
    }
}
