package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Embedding vectors in their two JSON spellings: an array of numbers, or OpenAI's
 * {@code encoding_format: base64} — the little-endian float32 bytes of the vector, base64-encoded
 * (what the OpenAI SDKs decode with {@code Float32Array} / {@code np.frombuffer(…, dtype=float32)}).
 */
final class EmbeddingVectors {
    private EmbeddingVectors() {}

    /** The vector in a JSON array of numbers or a base64 string; null when it is neither. */
    static float[] read(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return fromBase64(node.asText());
        }
        if (!node.isArray()) {
            return null;
        }
        float[] v = new float[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isNumber()) {
                return null;
            }
            v[i] = (float) x.asDouble();
        }
        return v;
    }

    static ArrayNode array(float[] vector) {
        ArrayNode arr = GeminiJson.array();
        for (float x : vector) {
            arr.add(x);
        }
        return arr;
    }

    static String base64(float[] vector) {
        ByteBuffer buf = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : vector) {
            buf.putFloat(x);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static float[] fromBase64(String text) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length % Float.BYTES != 0) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = buf.getFloat();
        }
        return v;
    }
}
