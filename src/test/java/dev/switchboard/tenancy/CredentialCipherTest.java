package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {
    private static final String SECRET = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String CONTEXT = "provider:claude:key:0";

    private static MasterKey key(int fill) {
        byte[] raw = new byte[32];
        java.util.Arrays.fill(raw, (byte) fill);
        return MasterKey.of(raw);
    }

    private static CredentialCipher cipher(MasterKey current, MasterKey... previous) {
        return new CredentialCipher(current, List.of(previous), new SecureRandom());
    }

    @Test
    void sealsAndOpensWithAFreshNonceEachTime() {
        CredentialCipher c = cipher(key(1));
        String a = c.encrypt(SECRET, CONTEXT);
        String b = c.encrypt(SECRET, CONTEXT);
        assertThat(a).startsWith("sbenc1:" + key(1).id() + ":").isNotEqualTo(b).doesNotContain("abcdefghij");
        assertThat(c.decrypt(a, CONTEXT)).isEqualTo(SECRET);
        assertThat(c.decrypt(b, CONTEXT)).isEqualTo(SECRET);
        assertThat(c.decrypt(c.encrypt("", CONTEXT), CONTEXT)).isEmpty();
        assertThat(c.decrypt(c.encrypt("ключ 🔑", CONTEXT), CONTEXT)).isEqualTo("ключ 🔑");
    }

    @Test
    void anyAlteredByteIsRefused() {
        CredentialCipher c = cipher(key(1));
        String sealed = c.encrypt(SECRET, CONTEXT);
        String[] f = sealed.split(":");
        byte[] body = Base64.getUrlDecoder().decode(f[2]);
        for (int i = 0; i < body.length; i++) {
            byte[] tampered = body.clone();
            tampered[i] ^= 0x01;
            String bad = f[0] + ":" + f[1] + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> c.decrypt(bad, CONTEXT)).isInstanceOf(CredentialCipher.CredentialException.class)
                    .hasMessageNotContaining(SECRET);
        }
        String truncated = f[0] + ":" + f[1] + ":" + f[2].substring(0, 20);
        assertThatThrownBy(() -> c.decrypt(truncated, CONTEXT)).hasMessage("credential is truncated");
        assertThatThrownBy(() -> c.decrypt("plain-text-key", CONTEXT)).hasMessageContaining("not a sealed credential");
        assertThatThrownBy(() -> c.decrypt(f[0] + ":" + f[1] + ":***", CONTEXT)).hasMessageContaining("base64url");
    }

    @Test
    void aValueMovedToAnotherContextDoesNotOpen() {
        CredentialCipher c = cipher(key(1));
        String sealed = c.encrypt(SECRET, CONTEXT);
        assertThatThrownBy(() -> c.decrypt(sealed, "provider:openai:key:0"))
                .isInstanceOf(CredentialCipher.CredentialException.class)
                .hasMessageContaining("another context");
    }

    @Test
    void rotationKeepsOldValuesReadableUntilResealed() {
        CredentialCipher before = cipher(key(1));
        String old = before.encrypt(SECRET, CONTEXT);

        CredentialCipher during = cipher(key(2), key(1));
        assertThat(during.decrypt(old, CONTEXT)).isEqualTo(SECRET);
        assertThat(during.needsRotation(old)).isTrue();
        String resealed = during.rotate(old, CONTEXT);
        assertThat(during.needsRotation(resealed)).isFalse();
        assertThat(resealed).startsWith("sbenc1:" + key(2).id() + ":");

        CredentialCipher after = cipher(key(2));
        assertThat(after.decrypt(resealed, CONTEXT)).isEqualTo(SECRET);
        assertThatThrownBy(() -> after.decrypt(old, CONTEXT))
                .hasMessageContaining("master key " + key(1).id())
                .hasMessageContaining(CredentialCipher.ENV_PREVIOUS);
    }

    @Test
    void masterKeyIsBase64Of32BytesOrAPassphrase() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        assertThat(MasterKey.parse(Base64.getEncoder().encodeToString(raw)).id()).isEqualTo(MasterKey.of(raw).id());
        assertThat(MasterKey.parse(Base64.getUrlEncoder().encodeToString(raw)).id()).isEqualTo(MasterKey.of(raw).id());

        // One real derivation (600 000 iterations cost seconds); its properties checked with cheap ones.
        MasterKey fromPassphrase = MasterKey.parse("correct horse battery staple");
        assertThat(fromPassphrase.id()).isNotEqualTo(MasterKey.of(raw).id()).hasSize(8);
        CredentialCipher c = cipher(fromPassphrase);
        assertThat(c.decrypt(c.encrypt(SECRET, CONTEXT), CONTEXT)).isEqualTo(SECRET);
        assertThat(MasterKey.derive("correct horse battery staple", 1000))
                .isEqualTo(MasterKey.derive("correct horse battery staple", 1000))
                .isNotEqualTo(MasterKey.derive("correct horse battery stapLe", 1000));
        assertThat(fromPassphrase.toString()).isEqualTo("MasterKey[id=" + fromPassphrase.id() + "]");
        assertThatThrownBy(() -> MasterKey.parse("short-secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void fromEnvironmentReadsCurrentAndPreviousKeys() {
        String k1 = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] two = new byte[32];
        two[0] = 2;
        String k2 = Base64.getEncoder().encodeToString(two);
        assertThat(CredentialCipher.fromEnvironment(Map.of())).isEmpty();
        assertThat(CredentialCipher.fromEnvironment(Map.of(CredentialCipher.ENV, " "))).isEmpty();

        String old = CredentialCipher.fromEnvironment(Map.of(CredentialCipher.ENV, k1)).orElseThrow().encrypt(SECRET, CONTEXT);
        CredentialCipher rotated = CredentialCipher.fromEnvironment(
                Map.of(CredentialCipher.ENV, k2, CredentialCipher.ENV_PREVIOUS, k1 + ", ")).orElseThrow();
        assertThat(rotated.decrypt(old, CONTEXT)).isEqualTo(SECRET);
        assertThat(rotated.currentKeyId()).isEqualTo(MasterKey.of(two).id());

        assertThatThrownBy(() -> CredentialCipher.fromEnvironment(Map.of(CredentialCipher.ENV, "tooshort")))
                .hasMessageStartingWith(CredentialCipher.ENV + ": ").hasMessageNotContaining("tooshort");
    }

    @Test
    void maskShowsVendorPrefixAndLastFour() {
        assertThat(CredentialCipher.mask(SECRET)).isEqualTo("sk-ant-…6789");
        assertThat(CredentialCipher.mask("sk-proj-abcdefghijklmnopqrstuvwxyz")).isEqualTo("sk-proj-…wxyz");
        assertThat(CredentialCipher.mask("AIzaSyA-1234567890abcdefghij")).isEqualTo("…ghij");
        assertThat(CredentialCipher.mask("short-key-123")).isEqualTo("****");
        assertThat(CredentialCipher.mask(null)).isEqualTo("****");
    }
}
