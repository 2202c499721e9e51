package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Part;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** count_tokens and the models list. */
class AnthropicEndpointsTest {

    @Test
    void countTokensTakesAMessagesBodyWithoutMaxTokens() {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"system\":\"You are a scientist\","
                + "\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, Claude\"}]}";
        ChatRequest r = AnthropicCountTokens.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.maxTokens()).isNull();
        assertThat(r.stream()).isFalse();
        assertThat(r.system()).containsExactly(new Part.Text("You are a scientist"));
        assertThat(r.tools()).hasSize(1);
    }

    @Test
    void countTokensUpstreamBodyLeavesOutWhatOnlyGenerationTakes() {
        ChatRequest r = new AnthropicCodec(Fixtures.CLOCK).decodeRequest(Fixtures.bytes("request_basic.json"), null, false);
        JsonNode body = Fixtures.json(AnthropicCountTokens.encodeRequest(r, new Dropped()));
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "system", "messages");
        ChatRequest thinking = new AnthropicCodec(Fixtures.CLOCK).decodeRequest(Fixtures.bytes("request_thinking.json"), null, false);
        assertThat(Fixtures.json(AnthropicCountTokens.encodeRequest(thinking, new Dropped())).has("thinking")).isTrue();
    }

    @Test
    void countTokensAnswers() {
        assertThat(Fixtures.json(AnthropicCountTokens.encodeResponse(14))).isEqualTo(Fixtures.json("{\"input_tokens\":14}"));
        assertThat(AnthropicCountTokens.decodeResponse("{\"input_tokens\":2095}".getBytes(StandardCharsets.UTF_8))).isEqualTo(2095);
        assertThatThrownBy(() -> AnthropicCountTokens.decodeResponse("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GatewayError.class);
    }

    @Test
    void modelsPageHasFirstAndLastIds() {
        Instant created = Instant.parse("2025-02-19T00:00:00Z");
        JsonNode page = Fixtures.json(AnthropicModels.listOfIds(List.of("claude-sonnet-4-5", "claude-haiku-4-5", "smart"), created));
        assertThat(page.get("data")).hasSize(3);
        assertThat(page.at("/data/0")).isEqualTo(Fixtures.json("{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\","
                + "\"display_name\":\"claude-sonnet-4-5\",\"created_at\":\"2025-02-19T00:00:00Z\",\"lifecycle\":\"active\"}"));
        assertThat(page.get("first_id").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(page.get("last_id").asText()).isEqualTo("smart");
        assertThat(page.get("has_more").booleanValue()).isFalse();
        JsonNode empty = Fixtures.json(AnthropicModels.list(List.of()));
        assertThat(empty.get("first_id").isNull()).isTrue();
        assertThat(empty.get("data")).isEmpty();
    }
}
