package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VirtualKeysTest {
    private final VirtualKeys keys = new VirtualKeys();

    @Test
    void generatedKeysAreSkSbAnd43Base62Characters() {
        VirtualKeys.Generated g = keys.generate();
        assertThat(g.secret()).startsWith("sk-sb-").hasSize(6 + 43).matches("sk-sb-[0-9A-Za-z]{43}");
        assertThat(VirtualKeys.isGenerated(g.secret())).isTrue();
        assertThat(g.hash()).isEqualTo(keys.hash(g.secret())).matches("[0-9a-f]{64}");
        assertThat(g.prefix()).isEqualTo(g.secret().substring(0, 10) + "…");
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(keys.generate().secret())).isTrue();
        }
    }

    @Test
    void hashIsSha256HexOfTheUtf8Key() {
        // sha256("abc"), the FIPS 180-2 example
        assertThat(keys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void base62KeepsAll256BitsInFixedWidth() {
        byte[] max = new byte[32];
        Arrays.fill(max, (byte) 0xff);
        for (byte[] bytes : new byte[][] {new byte[32], max, BigInteger.valueOf(61).toByteArray()}) {
            byte[] padded = new byte[32];
            System.arraycopy(bytes, 0, padded, 32 - bytes.length, bytes.length);
            String text = VirtualKeys.base62(padded);
            assertThat(text).hasSize(43);
            assertThat(decode(text)).isEqualTo(new BigInteger(1, padded));
        }
        assertThat(VirtualKeys.base62(max)).isEqualTo(VirtualKeys.base62(max.clone())); // input left untouched
    }

    @Test
    void toStringNeverShowsTheSecret() {
        VirtualKeys.Generated g = keys.generate();
        assertThat(g.toString()).doesNotContain(g.secret()).contains(g.prefix());
    }

    @Test
    void shortSecretsShowOnlyAQuarter() {
        assertThat(VirtualKeys.displayPrefix("sb-ci-0123456789abcdef")).isEqualTo("sb-ci…");
        assertThat(VirtualKeys.isGenerated("sk-sb-short")).isFalse();
        assertThat(VirtualKeys.isGenerated("sk-sb-" + "-".repeat(43))).isFalse();
        assertThat(VirtualKeys.isGenerated(null)).isFalse();
    }

    private static BigInteger decode(String base62) {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        BigInteger n = BigInteger.ZERO;
        for (char c : base62.toCharArray()) {
            n = n.multiply(BigInteger.valueOf(62)).add(BigInteger.valueOf(digits.indexOf(c)));
        }
        return n;
    }
}
