package dev.switchboard.pipeline;

import java.util.concurrent.ThreadLocalRandom;

/** Accepts a client's {@code X-Request-ID} when it is sane, otherwise makes one. */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    public static String acceptOrCreate(String offered) {
        if (offered != null && isSafe(offered)) {
            return offered;
        }
        return create();
    }

    public static String create() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[32];
        long a = r.nextLong(), b = r.nextLong();
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (a >>> (i * 4)) & 0xF];
            out[16 + i] = HEX[(int) (b >>> (i * 4)) & 0xF];
        }
        return new String(out);
    }

    /** Printable ASCII without spaces or quotes, at most 128 chars: safe in logs and headers. */
    private static boolean isSafe(String s) {
        if (s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
