package dev.parley.protocol.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The base58btc alphabet of the multibase {@code z} prefix used by did:key. Inputs here are a
 * few dozen bytes, so the plain big-integer conversion is fast enough.
 */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Base58() {}

    static String encode(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        out.append("1".repeat(zeros));
        return out.reverse().toString();
    }

    static byte[] decode(String text) {
        if (text.isEmpty() || text.length() > 128) {
            throw new IllegalArgumentException("base58 text must have 1 to 128 characters");
        }
        BigInteger value = BigInteger.ZERO;
        int zeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? INDEX[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("not a base58btc character: '" + c + "'");
            }
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int strip = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + magnitude.length - strip];
        System.arraycopy(magnitude, strip, out, zeros, magnitude.length - strip);
        return out;
    }
}
