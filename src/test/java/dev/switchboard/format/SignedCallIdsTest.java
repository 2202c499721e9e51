package dev.switchboard.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.SignedCallIds.Split;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedCallIdsTest {
    private static final String ID = "call_qpc2afWVFJK4vr0Pq6WiyAU_0";

    @Test
    void aBase64SignatureTravelsInTheUrlAlphabetWithoutPaddingAndComesBackExactly() {
        String signature = "EqQBCgIYAhoM+/8=";

        String joined = SignedCallIds.join(ID, signature);

        assertThat(joined).isEqualTo(ID + "__thsig_bEqQBCgIYAhoM-_8");
        assertThat(SignedCallIds.split(joined)).isEqualTo(new Split(ID, signature));
    }

    /** Not standard padded base64 ("_" or "-", no padding, not base64 at all): carried as its UTF-8 bytes. */
    @ParameterizedTest
    @ValueSource(strings = {"skip_thought_signature_validator", "abc", "sig-1", "c2ln\u00e9", "AAAA====="})
    void anyOtherSignatureTravelsAsItsBytes(String signature) {
        String joined = SignedCallIds.join(ID, signature);

        assertThat(joined).startsWith(ID + "__thsig_u").matches("[A-Za-z0-9_-]+");
        assertThat(SignedCallIds.split(joined)).isEqualTo(new Split(ID, signature));
    }

    @Test
    void withoutASignatureTheIdIsLeftAlone() {
        assertThat(SignedCallIds.join(ID, null)).isEqualTo(ID);
        assertThat(SignedCallIds.join(ID, "")).isEqualTo(ID);
        assertThat(SignedCallIds.split(ID)).isEqualTo(new Split(ID, null));
        assertThat(SignedCallIds.split("toolu_01A09q90qw90lq917835lq9")).isEqualTo(new Split("toolu_01A09q90qw90lq917835lq9", null));
    }

    /** A client's own id that merely looks signed is kept whole rather than refused or cut. */
    @ParameterizedTest
    @ValueSource(strings = {"x__thsig_", "x__thsig_b", "x__thsig_zAAAA", "x__thsig_bAA+A", "x__thsig_u!!", "x__thsig_u_w"})
    void anIdThatDoesNotDecodeIsKeptWhole(String id) {
        assertThat(SignedCallIds.split(id)).isEqualTo(new Split(id, null));
    }

    @Test
    void anIdThatAlreadyHoldsTheMarkerLosesTheSignatureRatherThanSplittingWrongly() {
        assertThat(SignedCallIds.join("a__thsig_b", "c2ln")).isEqualTo("a__thsig_b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"__thsig_", "{\"id\":\"c__thsig_bAAAA\"}", "x___thsig_", "___thsig__", "a__thsig_b"})
    void aBodyWithTheMarkerMayHoldASignedId(String body) {
        assertThat(SignedCallIds.mayHold(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "__thsig", "_thsig_", "__thsag_", "{\"id\":\"call_1\"} __ thsig_", "__THSIG_"})
    void aBodyWithoutItDoesNot(String body) {
        assertThat(SignedCallIds.mayHold(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    }

    @Property(tries = 300)
    void theSearchFindsTheMarkerAnywhere(@ForAll("ids") String before, @ForAll("ids") String after) {
        byte[] with = (before + SignedCallIds.MARKER + after).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] without = (before + after).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(SignedCallIds.mayHold(with)).isTrue();
        assertThat(SignedCallIds.mayHold(without)).isEqualTo((before + after).contains(SignedCallIds.MARKER));
    }

    @Property(tries = 300)
    void everySignatureOfEveryIdComesBack(@ForAll("ids") String id, @ForAll("signatures") String signature) {
        String joined = SignedCallIds.join(id, signature);

        assertThat(joined).matches("[A-Za-z0-9_-]+");
        assertThat(SignedCallIds.split(joined)).isEqualTo(new Split(id, signature));
        assertThat(SignedCallIds.callId(joined)).isEqualTo(id);
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.contains("__thsig_"));
    }

    @Provide
    Arbitrary<String> signatures() {
        Arbitrary<String> base64 = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)
                .map(b -> Base64.getEncoder().encodeToString(b));
        return Arbitraries.oneOf(base64, Arbitraries.strings().ofMinLength(1).ofMaxLength(80));
    }
}
