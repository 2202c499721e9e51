package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.FakeHttp.Sse;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Anthropic dialect on the wire: each request the real API rejects gets its 400 in the API's error
 * shape and words, and streams carry the reference's event sequence.
 */
class FakeAnthropicRulesTest {
    static final String[] AUTH = {"x-api-key", "sk-ant-test", "anthropic-version", "2023-06-01"};
    static final String USER = "{\"role\":\"user\",\"content\":\"Hello there\"}";
    static final String TOOL = "{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}";
    static FakeUpstream fake;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
    }

    @AfterAll
    static void down() {
        fake.close();
    }

    static HttpResponse<String> messages(String body) {
        return FakeHttp.post(fake, "/v1/messages", body, AUTH);
    }

    static String request(String extra, String... messages) {
        return "{\"model\":\"claude-fake-1\",\"max_tokens\":1024" + extra + ",\"messages\":[" + String.join(",", messages) + "]}";
    }

    static void assertRejected(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = FakeHttp.json(r);
        assertThat(body.path("type").asText()).isEqualTo("error");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asText()).contains(message);
        assertThat(body.path("request_id").asText()).isEqualTo(r.headers().firstValue("request-id").orElseThrow());
    }

    @Test
    void keyAndVersionHeadersAreRequired() {
        HttpResponse<String> noKey = FakeHttp.post(fake, "/v1/messages", request("", USER), "anthropic-version", "2023-06-01");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(FakeHttp.json(noKey).path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(FakeHttp.json(noKey).path("error").path("message").asText()).isEqualTo("x-api-key header is required");
        assertRejected(FakeHttp.post(fake, "/v1/messages", request("", USER), "x-api-key", "k"), "anthropic-version: header is required");
        assertThat(messages(request("", USER)).statusCode()).isEqualTo(200);
        assertThat(FakeHttp.post(fake, "/v1/messages", request("", USER), "authorization", "Bearer k", "anthropic-version", "2023-06-01")
                .statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            n                   | ,"n":2                                             | n: Extra inputs are not permitted
            response_format     | ,"response_format":{"type":"json_object"}         | response_format: Extra inputs are not permitted
            stream_options      | ,"stream":true,"stream_options":{"include_usage":true} | stream_options: Extra inputs are not permitted
            temperature above 1 | ,"temperature":1.5                                | temperature: range: 0..1
            small budget        | ,"thinking":{"type":"enabled","budget_tokens":512} | thinking.enabled.budget_tokens: Input should be greater than or equal to 1024
            budget over max     | ,"thinking":{"type":"enabled","budget_tokens":1024} | `max_tokens` must be greater than `thinking.budget_tokens`
            temperature+thinking | ,"temperature":0.5,"thinking":{"type":"adaptive"} | `temperature` may only be set to 1 when thinking is enabled
            forced tool+thinking | ,"thinking":{"type":"adaptive"},"tools":[{"name":"t","input_schema":{}}],"tool_choice":{"type":"any"} | Thinking may not be enabled when tool_choice forces tool use.
            tool without schema | ,"tools":[{"name":"t"}]                            | tools.0.custom.input_schema: Field required
            """)
    void topLevelFieldsTheApiRejects(String name, String extra, String message) {
        assertRejected(messages(request(extra, USER)), message);
    }

    @Test
    void requiredFieldsAndRoles() {
        assertRejected(messages("{\"model\":\"m\",\"messages\":[" + USER + "]}"), "max_tokens: Field required");
        assertRejected(messages("{\"max_tokens\":5,\"messages\":[" + USER + "]}"), "model: Field required");
        assertRejected(messages(request("")), "messages: at least one message is required");
        assertRejected(messages(request("", "{\"role\":\"system\",\"content\":\"Be brief\"}", USER)),
                "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter");
        assertRejected(messages(request("", "{\"role\":\"assistant\",\"content\":\"Hi\"}", USER)),
                "messages: first message must use the \"user\" role");
        assertRejected(messages(request("", "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}")),
                "messages.0.content.0.type: Input tag 'image_url' found using 'type' does not match any of the expected tags");
        assertRejected(messages(request("", "{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/bmp\",\"data\":\"AA==\"}}]}")), "messages.0.content.0.image.source.base64.media_type");
        assertRejected(messages(request("", "{\"role\":\"user\",\"content\":\"\"}")),
                "messages.0: all messages must have non-empty content except for the optional final assistant message");
        assertThat(messages(request(",\"system\":\"Be brief\"", USER, "{\"role\":\"assistant\",\"content\":\"Hel\"}")).statusCode())
                .as("a final assistant message is a prefill").isEqualTo(200);
    }

    @Test
    void toolResultsAnswerTheToolUsesOfThePreviousTurn() {
        String use = "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}]}";
        String result = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"Sunny\"}]}";
        assertThat(messages(request(",\"tools\":[" + TOOL + "]", USER, use, result)).statusCode()).isEqualTo(200);
        assertRejected(messages(request("", USER, use, USER)),
                "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1");
        assertRejected(messages(request("", USER, use, result, use, result)), "messages.3.content.0: `tool_use` ids must be unique");
        assertRejected(messages(request("", USER, "{\"role\":\"assistant\",\"content\":\"Let me look\"}", result)),
                "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_1");
    }

    @Test
    void countTokensTakesNoMaxTokens() {
        HttpResponse<String> ok = FakeHttp.post(fake, "/v1/messages/count_tokens",
                "{\"model\":\"m\",\"messages\":[" + USER + "]}", AUTH);
        assertThat(FakeHttp.json(ok).path("input_tokens").asLong()).isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertRejected(FakeHttp.post(fake, "/v1/messages/count_tokens", request("", USER), AUTH),
                "max_tokens: Extra inputs are not permitted");
    }

    @Test
    void modelsListIsAnthropicsWhenTheVersionHeaderIsSent() {
        JsonNode anthropic = FakeHttp.json(FakeHttp.get(fake, "/v1/models", AUTH));
        assertThat(anthropic.path("data").get(0).path("type").asText()).isEqualTo("model");
        assertThat(anthropic.has("has_more")).isTrue();
        JsonNode openAi = FakeHttp.json(FakeHttp.get(fake, "/v1/models", "authorization", "Bearer k"));
        assertThat(openAi.path("object").asText()).isEqualTo("list");
    }

    @Test
    void streamFollowsTheReferenceEventSequence() {
        List<Sse> events = FakeHttp.events(messages(request(",\"stream\":true", USER)).body());
        List<String> names = events.stream().map(Sse::event).toList();
        assertThat(names.subList(0, 3)).containsExactly("message_start", "content_block_start", "ping");
        assertThat(names.subList(names.size() - 3, names.size())).containsExactly("content_block_stop", "message_delta", "message_stop");
        events.forEach(e -> assertThat(e.json().path("type").asText()).isEqualTo(e.event()));
        JsonNode delta = events.get(events.size() - 2).json();
        assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(delta.path("usage").path("output_tokens").asLong()).isEqualTo(FakeUpstream.COMPLETION_TOKENS);
        assertThat(delta.path("usage").path("cache_read_input_tokens").asLong()).isEqualTo(FakeUpstream.CACHED_TOKENS);
    }

    @Test
    void thinkingAndToolStreamsUseTheirDeltaTypes() {
        List<Sse> events = FakeHttp.events(messages("{\"model\":\"m\",\"max_tokens\":2048,\"stream\":true,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"tools\":[" + TOOL + "],\"messages\":[" + USER + "]}").body());
        List<String> deltas = events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().path("delta").path("type").asText()).distinct().toList();
        assertThat(deltas).containsExactly("thinking_delta", "signature_delta", "input_json_delta");
        JsonNode thinkingStart = events.get(1).json().path("content_block");
        assertThat(thinkingStart.path("type").asText()).isEqualTo("thinking");
        assertThat(thinkingStart.path("signature").asText()).isEmpty();
        String json = events.stream().filter(e -> "content_block_delta".equals(e.event()))
                .map(e -> e.json().path("delta").path("partial_json").asText("")).reduce("", String::concat);
        assertThat(json).isEqualTo(FakeContent.TOOL_ARGS);
    }

    @Test
    void theMagicStringAddsARedactedThinkingBlockThatTheFakeAcceptsBack() {
        String ask = "{\"role\":\"user\",\"content\":\"" + FakeContent.REDACTED_THINKING_TRIGGER + "\"}";
        String thinking = ",\"max_tokens\":2048,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"tools\":[" + TOOL + "]";
        JsonNode answer = FakeHttp.json(messages("{\"model\":\"m\"" + thinking + ",\"messages\":[" + ask + "]}"));
        JsonNode content = answer.path("content");
        assertThat(content).extracting(b -> b.path("type").asText()).containsExactly("thinking", "redacted_thinking", "tool_use");
        String result = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\""
                + content.get(2).path("id").asText() + "\",\"content\":\"Sunny\"}]}";
        String turn = "{\"role\":\"assistant\",\"content\":" + content + "}";
        assertThat(messages("{\"model\":\"m\"" + thinking + ",\"messages\":[" + ask + "," + turn + "," + result + "]}").statusCode())
                .isEqualTo(200);
        String forged = turn.replace(AnthropicAnswers.REDACTED_DATA, "Zm9yZ2Vk");
        assertRejected(messages("{\"model\":\"m\"" + thinking + ",\"messages\":[" + ask + "," + forged + "," + result + "]}"),
                "messages.1.content.1: Invalid `data` in `redacted_thinking` block");
    }
}
