package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI side of the embeddings translation: {@code POST /v1/embeddings} requests
 * {@code {model, input: string|string[], dimensions?, encoding_format?, user?}} and answers
 * {@code {"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}}.
 */
final class OpenAiEmbeddingsJson {
    private OpenAiEmbeddingsJson() {}

    static GeminiEmbeddings.OpenAiRequest parseRequest(byte[] body) {
        ObjectNode root = GeminiJson.clientObject(body);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            throw GatewayError.invalid("'model' is required", "model");
        }
        JsonNode input = root.get("input");
        List<String> inputs = new ArrayList<>();
        if (input != null && input.isTextual()) {
            inputs.add(input.asText());
        } else if (input != null && input.isArray()) {
            for (JsonNode x : input) {
                if (!x.isTextual()) {
                    throw GatewayError.invalid("Gemini embeds text: 'input' must be a string or an array of strings "
                            + "(token arrays are not supported)", "input");
                }
                inputs.add(x.asText());
            }
        } else {
            throw GatewayError.invalid("'input' must be a string or an array of strings", "input");
        }
        if (inputs.isEmpty()) {
            throw GatewayError.invalid("'input' must not be empty", "input");
        }
        JsonNode dims = root.get("dimensions");
        if (dims != null && !dims.isNull() && !(dims.canConvertToInt() && dims.isIntegralNumber() && dims.asInt() > 0)) {
            throw GatewayError.invalid("'dimensions' must be a positive integer", "dimensions");
        }
        JsonNode format = root.get("encoding_format");
        String encoding = format == null || format.isNull() ? null : format.asText();
        if (encoding != null && !encoding.equals("float") && !encoding.equals("base64")) {
            throw GatewayError.invalid("'encoding_format' must be 'float' or 'base64'", "encoding_format");
        }
        JsonNode user = root.get("user");
        return new GeminiEmbeddings.OpenAiRequest(model.asText(), inputs,
                dims == null || dims.isNull() ? null : dims.asInt(), encoding,
                user != null && user.isTextual() ? user.asText() : null);
    }

    static byte[] request(String model, List<String> inputs, Integer dimensions) {
        ObjectNode root = GeminiJson.object().put("model", model);
        inputs.forEach(root.putArray("input")::add);
        root.put("encoding_format", "float");
        if (dimensions != null) {
            root.put("dimensions", dimensions);
        }
        return GeminiJson.bytes(root);
    }

    /** The vectors of an answer in input order (floats or base64 alike). */
    static List<float[]> vectors(byte[] body) {
        JsonNode data = GeminiJson.get(parse(body), "data");
        if (data == null || !data.isArray()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "embeddings answer has no 'data' array");
        }
        float[][] byIndex = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            float[] v = EmbeddingVectors.read(item.get("embedding"));
            if (v == null || index < 0 || index >= byIndex.length || byIndex[index] != null) {
                throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "embeddings answer has a malformed item " + i);
            }
            byIndex[index] = v;
        }
        return List.of(byIndex);
    }

    static Usage usage(byte[] body) {
        JsonNode usage = GeminiJson.get(parse(body), "usage");
        long prompt = usage == null ? 0 : usage.path("prompt_tokens").asLong(0);
        return new Usage(prompt, 0, 0, 0, 0, false);
    }

    static byte[] response(List<float[]> vectors, String model, String encodingFormat, long promptTokens) {
        ObjectNode root = GeminiJson.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        boolean base64 = "base64".equals(encodingFormat);
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                item.put("embedding", EmbeddingVectors.base64(vectors.get(i)));
            } else {
                item.set("embedding", EmbeddingVectors.array(vectors.get(i)));
            }
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return GeminiJson.bytes(root);
    }

    private static JsonNode parse(byte[] body) {
        JsonNode root = GeminiJson.tryParse(new String(body, StandardCharsets.UTF_8));
        if (root == null || !root.isObject()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "embeddings answer is not a JSON object");
        }
        return root;
    }
}
