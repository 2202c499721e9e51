package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MockAnswersTest {
    private final MockAnswers answers = new MockAnswers(Clock.systemUTC());
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode answer(String path, String body) throws Exception {
        MockAnswers.Answer a = answers.answer(path, body.getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(200);
        return json.readTree(a.chunks().get(0));
    }

    @Test
    void base64EmbeddingsDecodeToTheSameVectorAsFloats() throws Exception {
        JsonNode floats = answer("/embeddings", "{\"model\":\"m\",\"input\":\"hello\"}");
        JsonNode b64 = answer("/embeddings", "{\"model\":\"m\",\"input\":\"hello\",\"encoding_format\":\"base64\"}");
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(b64.at("/data/0/embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        JsonNode expected = floats.at("/data/0/embedding");
        assertThat(expected.size()).isEqualTo(8);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(buf.getFloat()).isEqualTo((float) expected.get(i).asDouble());
        }
    }

    @Test
    void chatEchoesTheLastUserMessageWithUsage() throws Exception {
        JsonNode r = answer("/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"x\"},{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"second\"}]}]}");
        assertThat(r.at("/choices/0/message/content").asText()).isEqualTo("Echo: second");
        assertThat(r.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(r.at("/usage/total_tokens").asInt())
                .isEqualTo(r.at("/usage/prompt_tokens").asInt() + r.at("/usage/completion_tokens").asInt());
    }

    @Test
    void invalidJsonIsA400() {
        assertThat(answers.answer("/chat/completions", "nope".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }
}
