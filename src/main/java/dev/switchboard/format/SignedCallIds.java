package dev.switchboard.format;

import dev.switchboard.model.chat.Part;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Tool-call ids that carry Gemini's thought signature through clients of the other formats. Gemini
 * signs its function calls and (Gemini 3) answers 400 when the next turn sends a call back without its
 * signature. OpenAI Chat, Responses and Anthropic have no field for it, but their clients and official
 * SDKs send a call's id back verbatim, in the call and in its result. So answers to those clients give a
 * signed call the id {@code <id>__thsig_<payload>}, and their next request is split back into the call's
 * own id and its signature, which the Gemini encoder puts back on the {@code functionCall} part.
 *
 * <p>The payload uses only {@code [A-Za-z0-9_-]}, the characters Anthropic allows in a {@code tool_use}
 * id: {@code b} and the signature's standard base64 written in the URL alphabet without padding (the
 * usual case, no longer than the signature), or {@code u} and the signature's UTF-8 bytes in unpadded
 * URL-safe base64 (any other string). An id that looks signed but does not decode is kept whole: a
 * client's own id is never refused for resembling this form.
 */
public final class SignedCallIds {
    static final String MARKER = "__thsig_";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);
    /** Horspool's shift for each byte value: how far the marker may move when that byte ends a window. */
    private static final int[] SHIFT = shifts();
    private static final char BASE64 = 'b';
    private static final char UTF8 = 'u';

    /** A call id as the gateway's canonical model holds it, and the signature it carried (null: none). */
    public record Split(String id, String signature) {}

    private SignedCallIds() {}

    /** The id a client of a non-Gemini format gets for {@code call}. */
    public static String wireId(Part.ToolCall call) {
        return join(call.id(), call.signature());
    }

    /** {@code id} with {@code signature} folded in; {@code id} itself when there is no signature to carry. */
    public static String join(String id, String signature) {
        if (signature == null || signature.isEmpty() || id.contains(MARKER)) {
            return id; // an id already holding the marker would split wrongly: better lose the signature
        }
        String urlAlphabet = signature.replace('+', '-').replace('/', '_');
        int end = urlAlphabet.length();
        while (end > 0 && urlAlphabet.charAt(end - 1) == '=') {
            end--;
        }
        String payload = urlAlphabet.substring(0, end);
        if (urlSafe(payload) && restore(payload).equals(signature)) {
            return id + MARKER + BASE64 + payload;
        }
        return id + MARKER + UTF8
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical id and signature of an id a client sent back; ids without a signature come back as they are. */
    public static Split split(String wireId) {
        int at = wireId == null ? -1 : wireId.indexOf(MARKER);
        if (at < 0 || wireId.length() < at + MARKER.length() + 2) {
            return new Split(wireId, null);
        }
        char kind = wireId.charAt(at + MARKER.length());
        String payload = wireId.substring(at + MARKER.length() + 1);
        if (!urlSafe(payload)) {
            return new Split(wireId, null);
        }
        String signature = switch (kind) {
            case BASE64 -> restore(payload); // join wrote it only where this gives the signature back
            case UTF8 -> utf8(payload);
            default -> null;
        };
        return signature == null ? new Split(wireId, null) : new Split(wireId.substring(0, at), signature);
    }

    /** A tool call a client sent back, its signature (if its id carries one) restored. */
    public static Part.ToolCall call(String wireId, String name, String argsJson) {
        Split split = split(wireId);
        return new Part.ToolCall(split.id(), name, argsJson, split.signature());
    }

    /** The canonical id of a tool result's call id (its signature travels with the call, not the result). */
    public static String callId(String wireId) {
        return split(wireId).id();
    }

    /**
     * Whether a raw body may hold a signed id: a search for the marker that skips up to its length per
     * step, so a same-format body without one (nearly all) costs a fraction of a pass over its bytes.
     */
    public static boolean mayHold(byte[] body) {
        int last = MARKER_BYTES.length - 1;
        for (int end = last; end < body.length; end += SHIFT[body[end] & 0xff]) {
            int k = 0;
            while (k <= last && body[end - k] == MARKER_BYTES[last - k]) {
                k++;
            }
            if (k > last) {
                return true;
            }
        }
        return false;
    }

    private static int[] shifts() {
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, MARKER_BYTES.length);
        for (int i = 0; i < MARKER_BYTES.length - 1; i++) {
            shift[MARKER_BYTES[i] & 0xff] = MARKER_BYTES.length - 1 - i;
        }
        return shift;
    }

    /** Standard base64 with its padding, from the URL alphabet without it. */
    private static String restore(String payload) {
        StringBuilder s = new StringBuilder(payload.length() + 2);
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            s.append(c == '-' ? '+' : c == '_' ? '/' : c);
        }
        while (s.length() % 4 != 0) {
            s.append('=');
        }
        return s.toString();
    }

    private static String utf8(String payload) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(payload);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static boolean urlSafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
