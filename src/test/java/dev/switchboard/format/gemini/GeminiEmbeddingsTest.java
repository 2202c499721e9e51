package dev.switchboard.format.gemini;

import static dev.switchboard.format.gemini.GeminiFixtures.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Embeddings between OpenAI's and Gemini's shapes, both directions. */
class GeminiEmbeddingsTest {
    private final Dropped dropped = new Dropped();

    @Test
    void anOpenAiRequestBecomesABatchEmbedContentsBody() {
        GeminiEmbeddings.OpenAiRequest r = GeminiEmbeddings.parseOpenAiRequest(GeminiFixtures.bytes("embeddings-openai-request.json"));
        assertThat(r).isEqualTo(new GeminiEmbeddings.OpenAiRequest("text-embedding-004", List.of("Hello world", "Bonjour le monde"),
                3, "float", "user-1234"));
        assertSameJson(GeminiEmbeddings.toBatchEmbedContents(r, "text-embedding-004", dropped),
                GeminiFixtures.bytes("embeddings-openai-request.expected-gemini.json"));
        assertThat(dropped.fields()).containsExactly("user");
    }

    @Test
    void geminisAnswerBecomesTheOpenAiAnswer() {
        GeminiEmbeddings.OpenAiRequest r = GeminiEmbeddings.parseOpenAiRequest(GeminiFixtures.bytes("embeddings-openai-request.json"));
        byte[] out = GeminiEmbeddings.toOpenAiResponse(GeminiFixtures.bytes("embeddings-gemini-response.json"), r, 7);
        assertSameJson(out, GeminiFixtures.bytes("embeddings-gemini-response.expected-openai.json"));
    }

    @Test
    void base64IsLittleEndianFloat32() {
        GeminiEmbeddings.OpenAiRequest r = new GeminiEmbeddings.OpenAiRequest("m", List.of("a", "b"), null, "base64", null);
        JsonNode out = GeminiFixtures.json(GeminiEmbeddings.toOpenAiResponse(
                GeminiFixtures.bytes("embeddings-gemini-response.json"), r, 3));
        byte[] raw = Base64.getDecoder().decode(out.at("/data/1/embedding").asText());
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw).hasSize(12);
        assertThat(new float[] {buf.getFloat(), buf.getFloat(), buf.getFloat()}).containsExactly(0.5f, 0.25f, -1.0f);
        // and a single embedContent answer reads the same way
        byte[] single = "{\"embedding\":{\"values\":[1.5]}}".getBytes(StandardCharsets.UTF_8);
        assertThat(GeminiEmbeddings.geminiVectors(single)).singleElement().satisfies(v -> assertThat(v).containsExactly(1.5f));
    }

    @Test
    void aGeminiBatchBecomesAnOpenAiRequestAndItsAnswerComesBack() {
        GeminiEmbeddings.GeminiRequest r = GeminiEmbeddings.parseGeminiRequest(
                GeminiFixtures.bytes("embeddings-gemini-batch-request.json"), "models/gemini-embedding-001", true);
        assertThat(r.texts()).containsExactly("What is the meaning of life?", "How much wood\nwould a woodchuck chuck?");
        assertSameJson(GeminiEmbeddings.toOpenAiRequest(r, "text-embedding-3-small", dropped),
                GeminiFixtures.bytes("embeddings-gemini-batch-request.expected-openai.json"));
        assertThat(dropped.fields()).containsExactly("taskType");
        byte[] answer = GeminiFixtures.bytes("embeddings-openai-response.json");
        assertThat(GeminiFixtures.json(GeminiEmbeddings.toGeminiResponse(answer, r))).isEqualTo(GeminiFixtures.json(
                "{\"embeddings\":[{\"values\":[0.0023064255,-0.009327292]},{\"values\":[0.75,-0.5]}]}"));
        assertThat(GeminiEmbeddings.openAiUsage(answer)).isEqualTo(new Usage(16, 0, 0, 0, 0, false));
    }

    @Test
    void aSingleEmbedContentAnswersWithOneEmbedding() {
        GeminiEmbeddings.GeminiRequest r = GeminiEmbeddings.parseGeminiRequest(
                "{\"content\":{\"parts\":[{\"text\":\"hi\"}]},\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8), "m", false);
        assertThat(r.batch()).isFalse();
        assertThat(r.unsupported()).containsExactly("title");
        byte[] answer = ("{\"data\":[{\"embedding\":\"" + EmbeddingVectors.base64(new float[] {0.5f, 2f}) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(GeminiFixtures.json(GeminiEmbeddings.toGeminiResponse(answer, r)))
                .isEqualTo(GeminiFixtures.json("{\"embedding\":{\"values\":[0.5,2.0]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"input\":\"x\"}", "{\"model\":\"m\"}", "{\"model\":\"m\",\"input\":[]}",
            "{\"model\":\"m\",\"input\":[[1,2,3]]}", "{\"model\":\"m\",\"input\":\"x\",\"dimensions\":0}",
            "{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"int8\"}"})
    void badOpenAiRequestsAre400s(String body) {
        assertThatThrownBy(() -> GeminiEmbeddings.parseOpenAiRequest(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"requests\":[]}", "{\"requests\":[{\"content\":{\"parts\":[{\"inlineData\":{}}]}}]}",
            "{\"requests\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"outputDimensionality\":3},"
                    + "{\"content\":{\"parts\":[{\"text\":\"b\"}]},\"outputDimensionality\":4}]}"})
    void badGeminiRequestsAre400s(String body) {
        assertThatThrownBy(() -> GeminiEmbeddings.parseGeminiRequest(body.getBytes(StandardCharsets.UTF_8), "m", true))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @Test
    void answersWithTheWrongNumberOfVectorsAreUpstreamErrors() {
        GeminiEmbeddings.OpenAiRequest r = new GeminiEmbeddings.OpenAiRequest("m", List.of("only one"), null, null, null);
        assertThatThrownBy(() -> GeminiEmbeddings.toOpenAiResponse(GeminiFixtures.bytes("embeddings-gemini-response.json"), r, 1))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
        assertThatThrownBy(() -> GeminiEmbeddings.toOpenAiResponse("{\"foo\":1}".getBytes(StandardCharsets.UTF_8), r, 1))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
    }
}
