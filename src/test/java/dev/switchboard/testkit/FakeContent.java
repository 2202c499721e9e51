package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What every dialect of the fake says, so that tests compare against one set of constants: the answer
 * text ({@link FakeAnswers#TEXT}), the thinking text, the tool arguments, and how a stop sequence or a
 * tiny max-tokens value cuts the text. Signatures over thinking are HMACs of the text, so the fake can
 * tell a block it issued from a forged or edited one without remembering anything.
 */
public final class FakeContent {
    /** The reasoning every thinking answer carries (Anthropic thinking block, Gemini thought part). */
    public static final String THINKING = "The user greets me, so a short friendly answer will do.";
    /** The arguments of every tool call, whatever the tool. */
    public static final String TOOL_ARGS = "{\"city\":\"Paris\"}";
    /** The tool arguments as a stream sends them, in fragments. */
    public static final List<String> TOOL_ARG_FRAGMENTS = List.of("{\"city\"", ":\"Paris\"}");
    /** A max-tokens value below this cuts the text after that many words and stops for max tokens. */
    public static final int MAX_TOKENS_CUTOFF = 5;
    /**
     * Anthropic's documented test string: a thinking request whose last user text contains it is
     * answered with a {@code redacted_thinking} block as well.
     */
    public static final String REDACTED_THINKING_TRIGGER =
            "ANTHROPIC_MAGIC_STRING_TRIGGER_REDACTED_THINKING_46C9A13E193C177646C7398A98432ECCCE4C1253D5E2D82641AC0E52CC2876CB";

    private static final byte[] KEY = "switchboard-fake-upstream-signing-key".getBytes(StandardCharsets.UTF_8);

    private FakeContent() {}

    /** Why the text ended. */
    public enum Stop { END, STOP_SEQUENCE, MAX_TOKENS }

    /** The text as sent, why it ended, and the stop sequence that ended it (or null). */
    public record Cut(String text, Stop stop, String sequence) {}

    /**
     * {@link FakeAnswers#TEXT} cut at the earliest stop sequence it contains, then after
     * {@code maxTokens} words when {@code 0 < maxTokens < MAX_TOKENS_CUTOFF}.
     */
    public static Cut cut(List<String> stopSequences, long maxTokens) {
        String text = FakeAnswers.TEXT;
        int at = -1;
        String hit = null;
        for (String s : stopSequences) {
            int i = s.isEmpty() ? -1 : text.indexOf(s);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
                hit = s;
            }
        }
        if (hit != null) {
            text = text.substring(0, at);
        }
        List<String> words = words(text);
        if (maxTokens > 0 && maxTokens < MAX_TOKENS_CUTOFF && words.size() > maxTokens) {
            return new Cut(String.join("", words.subList(0, (int) maxTokens)), Stop.MAX_TOKENS, null);
        }
        return hit != null ? new Cut(text, Stop.STOP_SEQUENCE, hit) : new Cut(text, Stop.END, null);
    }

    /** The text in stream-sized pieces, each word with its leading space; joined they give the text back. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split("(?= )")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** {@link #TOOL_ARGS} as a fresh JSON object. */
    static ObjectNode toolArgs() {
        return object().put("city", "Paris");
    }

    /** A fresh empty JSON object, for the answer builders. */
    static ObjectNode object() {
        return FakeUpstream.JSON.createObjectNode();
    }

    /** A signature over {@code content} for the purpose {@code kind} ("thinking", "redacted" …). */
    static String sign(String kind, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] h = mac.doFinal((kind + "\n" + content).getBytes(StandardCharsets.UTF_8));
            byte[] tagged = new byte[h.length + 8];
            System.arraycopy("fakesig:".getBytes(StandardCharsets.US_ASCII), 0, tagged, 0, 8);
            System.arraycopy(h, 0, tagged, 8, h.length);
            return Base64.getEncoder().encodeToString(tagged); // real signatures are base64 too (Gemini's decode as bytes)
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(String kind, String content, String signature) {
        return content != null && signature != null && sign(kind, content).equals(signature);
    }
}
