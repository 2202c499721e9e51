package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Embeddings between OpenAI's {@code /v1/embeddings} and Gemini's {@code models/{m}:embedContent} /
 * {@code :batchEmbedContents} ({@code {"requests":[{model, content:{parts:[{text}]},
 * outputDimensionality?}]}} → {@code {"embeddings":[{"values":[…]}]}}), both ways: an OpenAI client
 * on a Gemini upstream, and a Gemini client on an OpenAI-format upstream. Gemini reports no token
 * usage for embeddings, so the caller supplies the prompt token count it counted.
 */
public final class GeminiEmbeddings {
    private GeminiEmbeddings() {}

    /** What an OpenAI client asked for; {@code encodingFormat} is "float", "base64" or null (float). */
    public record OpenAiRequest(String model, List<String> inputs, Integer dimensions, String encodingFormat,
            String user) {
        public OpenAiRequest {
            Objects.requireNonNull(model, "model");
            inputs = List.copyOf(inputs);
        }
    }

    /** What a Gemini client asked for; {@code batch} tells which answer shape it expects. */
    public record GeminiRequest(String model, List<String> texts, Integer outputDimensionality, boolean batch,
            List<String> unsupported) {
        public GeminiRequest {
            Objects.requireNonNull(model, "model");
            texts = List.copyOf(texts);
            unsupported = List.copyOf(unsupported);
        }
    }

    // ---- OpenAI client → Gemini upstream

    public static OpenAiRequest parseOpenAiRequest(byte[] body) {
        return OpenAiEmbeddingsJson.parseRequest(body);
    }

    /** The {@code :batchEmbedContents} body for an OpenAI client's request. */
    public static byte[] toBatchEmbedContents(OpenAiRequest request, String upstreamModel, Dropped dropped) {
        if (request.user() != null) {
            dropped.add("user");
        }
        String model = "models/" + GeminiRequestDecoder.bareModel(upstreamModel);
        ObjectNode root = GeminiJson.object();
        ArrayNode requests = root.putArray("requests");
        for (String text : request.inputs()) {
            ObjectNode r = requests.addObject().put("model", model);
            r.putObject("content").putArray("parts").addObject().put("text", text);
            if (request.dimensions() != null) {
                r.put("outputDimensionality", request.dimensions());
            }
        }
        return GeminiJson.bytes(root);
    }

    /** Gemini's answer as the OpenAI answer the client asked for (floats or base64). */
    public static byte[] toOpenAiResponse(byte[] geminiAnswer, OpenAiRequest request, long promptTokens) {
        List<float[]> vectors = geminiVectors(geminiAnswer);
        if (vectors.size() != request.inputs().size()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Gemini returned " + vectors.size() + " embeddings for "
                    + request.inputs().size() + " inputs");
        }
        return OpenAiEmbeddingsJson.response(vectors, request.model(), request.encodingFormat(), promptTokens);
    }

    // ---- Gemini client → OpenAI-format upstream

    /** A client's {@code :embedContent} ({@code batch} false) or {@code :batchEmbedContents} body. */
    public static GeminiRequest parseGeminiRequest(byte[] body, String pathModel, boolean batch) {
        ObjectNode root = GeminiJson.clientObject(body);
        List<JsonNode> requests = batch ? GeminiJson.array(root, "requests", "requests") : List.of(root);
        if (requests.isEmpty()) {
            throw GatewayError.invalid("'requests' must not be empty", "requests");
        }
        List<String> texts = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        Integer dims = null;
        for (int i = 0; i < requests.size(); i++) {
            String path = batch ? "requests[" + i + "]." : "";
            JsonNode r = requests.get(i);
            texts.add(text(GeminiJson.objectField(r, "content", path + "content"), path + "content"));
            Integer d = GeminiJson.integer(r, "outputDimensionality", path + "outputDimensionality");
            if (i > 0 && !Objects.equals(d, dims)) {
                throw GatewayError.invalid("all requests of a batch must ask for the same outputDimensionality",
                        path + "outputDimensionality");
            }
            dims = d;
            for (String field : List.of("taskType", "title")) {
                if (GeminiJson.has(r, field) && !unsupported.contains(field)) {
                    unsupported.add(field);
                }
            }
        }
        String model = GeminiRequestDecoder.bareModel(pathModel != null ? pathModel
                : GeminiJson.text(requests.get(0), "model", "model"));
        if (model == null || model.isEmpty()) {
            throw GatewayError.invalid("the model is missing from the URL path", "model");
        }
        return new GeminiRequest(model, texts, dims, batch, unsupported);
    }

    /** The OpenAI {@code /embeddings} body for a Gemini client's request. */
    public static byte[] toOpenAiRequest(GeminiRequest request, String upstreamModel, Dropped dropped) {
        request.unsupported().forEach(dropped::add);
        return OpenAiEmbeddingsJson.request(upstreamModel, request.texts(), request.outputDimensionality());
    }

    /** The OpenAI-format answer as the Gemini answer ({@code embedding} or {@code embeddings}). */
    public static byte[] toGeminiResponse(byte[] openAiAnswer, GeminiRequest request) {
        List<float[]> vectors = OpenAiEmbeddingsJson.vectors(openAiAnswer);
        if (vectors.size() != request.texts().size()) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream returned " + vectors.size() + " embeddings for "
                    + request.texts().size() + " inputs");
        }
        ObjectNode root = GeminiJson.object();
        if (request.batch()) {
            ArrayNode list = root.putArray("embeddings");
            vectors.forEach(v -> list.addObject().set("values", EmbeddingVectors.array(v)));
        } else {
            root.putObject("embedding").set("values", EmbeddingVectors.array(vectors.get(0)));
        }
        return GeminiJson.bytes(root);
    }

    /** The token usage an OpenAI-format embeddings answer reports. */
    public static Usage openAiUsage(byte[] openAiAnswer) {
        return OpenAiEmbeddingsJson.usage(openAiAnswer);
    }

    /** The vectors of a Gemini {@code embedContent} or {@code batchEmbedContents} answer. */
    static List<float[]> geminiVectors(byte[] body) {
        JsonNode root = GeminiJson.tryParse(new String(body, StandardCharsets.UTF_8));
        JsonNode list = GeminiJson.get(root, "embeddings");
        JsonNode single = GeminiJson.get(root, "embedding");
        List<JsonNode> items = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(items::add);
        } else if (single != null) {
            items.add(single);
        } else {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Gemini embeddings answer has no 'embeddings'");
        }
        List<float[]> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            float[] v = EmbeddingVectors.read(GeminiJson.get(item, "values"));
            if (v == null) {
                throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "Gemini embedding without numeric 'values'");
            }
            out.add(v);
        }
        return out;
    }

    private static String text(ObjectNode content, String path) {
        if (content == null) {
            throw GatewayError.invalid("'" + path + "' is required", path);
        }
        List<String> texts = new ArrayList<>();
        List<JsonNode> parts = GeminiJson.array(content, "parts", path + ".parts");
        for (int j = 0; j < parts.size(); j++) {
            String t = GeminiJson.text(parts.get(j), "text", path + ".parts[" + j + "].text");
            if (t == null) {
                throw GatewayError.invalid("only text can be embedded through this upstream", path + ".parts[" + j + "]");
            }
            texts.add(t);
        }
        if (texts.isEmpty()) {
            throw GatewayError.invalid("'" + path + ".parts' must not be empty", path + ".parts");
        }
        return String.join("\n", texts);
    }
}
