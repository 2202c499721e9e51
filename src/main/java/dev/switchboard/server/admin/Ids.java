package dev.switchboard.server.admin;

import java.security.SecureRandom;

/** Makes row ids: a type prefix and 16 random base62 characters (95 bits), e.g. {@code key_3fQ…}. */
final class Ids {
    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final SecureRandom random;

    Ids(SecureRandom random) {
        this.random = random;
    }

    String next(String type) {
        StringBuilder sb = new StringBuilder(type).append('_');
        for (int i = 0; i < 16; i++) {
            sb.append(BASE62[random.nextInt(BASE62.length)]);
        }
        return sb.toString();
    }
}
