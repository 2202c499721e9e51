package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.FakeHttp.Sse;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Gemini dialect on the wire: keys in header or query, the SSE and JSON-array stream forms, model
 * names with slashes, and the 400s the real API gives for unknown names, empty contents, bad roles,
 * function turns out of order and settings out of range.
 */
class FakeGeminiRulesTest {
    static final String KEY = "x-goog-api-key";
    static final String HI = "{\"role\":\"user\",\"parts\":[{\"text\":\"Hello there\"}]}";
    static final String TOOLS = ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]}]";
    static final String CALL = "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]}";
    static final String RESULT = "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"get_weather\",\"response\":{\"t\":21}}}]}";
    static FakeUpstream fake;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
    }

    @AfterAll
    static void down() {
        fake.close();
    }

    static HttpResponse<String> generate(String body) {
        return FakeHttp.post(fake, "/v1beta/models/gemini-fake:generateContent", body, KEY, "k");
    }

    static String request(String extra, String... contents) {
        return "{\"contents\":[" + String.join(",", contents) + "]" + extra + "}";
    }

    static JsonNode assertRejected(HttpResponse<String> r, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = FakeHttp.json(r).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asText()).contains(message);
        return error;
    }

    @Test
    void keyComesInTheHeaderOrTheQuery() {
        HttpResponse<String> none = FakeHttp.post(fake, "/v1beta/models/gemini-fake:generateContent", request("", HI));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(FakeHttp.json(none).path("error").path("status").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(FakeHttp.post(fake, "/v1beta/models/gemini-fake:generateContent?key=k", request("", HI)).statusCode()).isEqualTo(200);
        assertThat(fake.requests().getLast().path()).isEqualTo("/v1beta/models/gemini-fake:generateContent?key=k");
    }

    @Test
    void modelNamesMayHoldSlashesAndV1IsGeminiToo() {
        JsonNode r = FakeHttp.json(FakeHttp.post(fake, "/v1beta/models/anthropic/claude-x:generateContent", request("", HI), KEY, "k"));
        assertThat(r.path("modelVersion").asText()).isEqualTo("anthropic/claude-x");
        JsonNode v1 = FakeHttp.json(FakeHttp.post(fake, "/v1/models/gemini-fake:generateContent", request("", HI), KEY, "k"));
        assertThat(v1.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText()).isEqualTo(FakeAnswers.TEXT);
        assertThat(FakeHttp.json(FakeHttp.get(fake, "/v1/models", KEY, "k")).path("models")).hasSize(1);
    }

    @Test
    void sseStreamEndsItsEventsWithCrlfAndPutsUsageLast() {
        HttpResponse<String> r = FakeHttp.post(fake, "/v1beta/models/gemini-fake:streamGenerateContent?alt=sse", request("", HI), KEY, "k");
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(r.body()).endsWith("\r\n\r\n");
        List<Sse> events = FakeHttp.events(r.body());
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.getFirst().json().has("usageMetadata")).isFalse();
        assertThat(events.getLast().json().path("usageMetadata").path("totalTokenCount").asLong())
                .isEqualTo(FakeUpstream.GEMINI_TOTAL_TOKENS);
        assertThat(events.getLast().json().path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void withoutAltSseTheStreamIsOneJsonArray() {
        HttpResponse<String> r = FakeHttp.post(fake, "/v1beta/models/gemini-fake:streamGenerateContent", request("", HI), KEY, "k");
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode chunks = FakeHttp.json(r);
        assertThat(chunks.isArray()).isTrue();
        assertThat(chunks.size()).isGreaterThanOrEqualTo(2);
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText()));
        assertThat(text).hasToString(FakeAnswers.TEXT);
    }

    @Test
    void candidateCountGivesThatManyCandidates() {
        JsonNode r = FakeHttp.json(generate(request(",\"generationConfig\":{\"candidateCount\":2}", HI)));
        assertThat(r.path("candidates")).extracting(c -> c.path("index").asInt()).containsExactly(0, 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            top-level name       | ,"n":2                                        | Invalid JSON payload received. Unknown name "n": Cannot find field.
            config name          | ,"generationConfig":{"max_tokens":5}          | Unknown name "max_tokens" at 'generation_config': Cannot find field.
            thinking config name | ,"generationConfig":{"thinkingConfig":{"effort":"low"}} | at 'generation_config.thinking_config'
            temperature          | ,"generationConfig":{"temperature":2.5}       | generation_config.temperature
            candidate count      | ,"generation_config":{"candidate_count":0}    | generation_config.candidate_count
            schema name          | ,"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object","additionalProperties":false}}]}] | Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters'
            nested schema name   | ,"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string","const":"x"}}}}]}] | at 'tools[0].function_declarations[0].parameters.properties[1].value'
            calling mode         | ,"toolConfig":{"functionCallingConfig":{"mode":"auto"}} | Invalid value at 'tool_config.function_calling_config.mode'
            """)
    void namesAndValuesTheApiRejects(String name, String extra, String message) {
        assertRejected(generate(request(extra, HI)), message);
    }

    @Test
    void unknownNamesAreNamedInTheDetailsToo() {
        JsonNode error = assertRejected(generate(request(",\"generationConfig\":{\"response_format\":{}}", HI)), "response_format");
        JsonNode violation = error.path("details").get(0);
        assertThat(violation.path("@type").asText()).isEqualTo("type.googleapis.com/google.rpc.BadRequest");
        assertThat(violation.path("fieldViolations").get(0).path("field").asText()).isEqualTo("generation_config");
    }

    @Test
    void snakeCaseNamesAreAccepted() {
        assertThat(generate(request(",\"generation_config\":{\"max_output_tokens\":3},\"system_instruction\":{\"parts\":[{\"text\":\"x\"}]}", HI))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void contentsPartsAndRoles() {
        assertRejected(generate("{}"), "* GenerateContentRequest.contents: contents is not specified");
        assertRejected(generate(request("", "{\"role\":\"user\",\"parts\":[]}")), "contents[0].parts: contents.parts must not be empty.");
        assertRejected(generate(request("", "{\"role\":\"system\",\"parts\":[{\"text\":\"x\"}]}")), "Please use a valid role: user, model.");
        assertRejected(generate(request("", "{\"role\":\"user\",\"parts\":[{}]}")),
                "contents[0].parts[0].data: required oneof field 'data' must have one initialized field");
        assertRejected(generate(request("", "{\"role\":\"user\",\"parts\":[{\"image_url\":\"x\"}]}")),
                "Unknown name \"image_url\" at 'contents[0].parts[0]': Cannot find field.");
        assertThat(generate(request("", "{\"parts\":[{\"text\":\"no role is fine\"}]}")).statusCode()).isEqualTo(200);
    }

    @Test
    void functionTurnsMustPair() {
        assertThat(generate(request(TOOLS, HI, CALL, RESULT)).statusCode()).isEqualTo(200);
        assertRejected(generate(request(TOOLS, HI, RESULT)),
                "Please ensure that function response turn comes immediately after a function call turn.");
        assertRejected(generate(request(TOOLS, CALL, RESULT)),
                "Please ensure that function call turn comes immediately after a user turn or after a function response turn.");
        String two = "{\"role\":\"user\",\"parts\":[" + RESULT.substring(RESULT.indexOf("{\"functionResponse"), RESULT.length() - 2)
                + "," + RESULT.substring(RESULT.indexOf("{\"functionResponse"), RESULT.length() - 2) + "]}";
        assertRejected(generate(request(TOOLS, HI, CALL, two)),
                "Please ensure that the number of function response parts is equal to the number of function call parts");
        assertRejected(generate(request(TOOLS, HI, CALL, RESULT.replace("get_weather", ""))), "function_response.name: Name cannot be empty.");
    }

    @Test
    void functionCallWhenToolsAreGivenAndNotTurnedOff() {
        // not HI: the fake would then want its signed call back in the hand-written histories of other tests
        String ask = "{\"role\":\"user\",\"parts\":[{\"text\":\"Is it warm in Paris?\"}]}";
        JsonNode call = FakeHttp.json(generate(request(TOOLS, ask)));
        JsonNode part = call.path("candidates").get(0).path("content").path("parts").get(0);
        assertThat(part.path("functionCall").path("name").asText()).isEqualTo("get_weather");
        assertThat(part.path("functionCall").path("args").toString()).isEqualTo(FakeContent.TOOL_ARGS);
        JsonNode answer = FakeHttp.json(generate(request(TOOLS, ask, modelTurn(call), RESULT)));
        assertThat(answer.path("candidates").get(0).path("content").path("parts").get(0).path("text").asText())
                .isEqualTo(FakeAnswers.TEXT);
    }

    /**
     * As Gemini 3: a function call comes signed, whole or streamed, and the next request of the same turn
     * must send it back with its signature. A call the fake did not make (a history written by hand, as in
     * {@link #functionTurnsMustPair}) passes unsigned, and so does a signed call of an earlier turn.
     */
    @Test
    void aSignedCallMustComeBackWithItsSignature() {
        String ask = "{\"role\":\"user\",\"parts\":[{\"text\":\"Will it rain in Paris?\"}]}"; // this test's own conversation
        JsonNode call = FakeHttp.json(generate(request(TOOLS, ask)));
        String signature = call.at("/candidates/0/content/parts/0/thoughtSignature").asText();
        assertThat(signature).isNotEmpty();
        HttpResponse<String> streamed = FakeHttp.post(fake, "/v1beta/models/gemini-fake:streamGenerateContent?alt=sse",
                request(TOOLS, ask), KEY, "k");
        JsonNode chunk = FakeHttp.events(streamed.body()).getFirst().json();
        assertThat(chunk.at("/candidates/0/content/parts/0/thoughtSignature").asText()).isNotEmpty().isNotEqualTo(signature);

        assertThat(generate(request(TOOLS, ask, modelTurn(call), RESULT)).statusCode()).isEqualTo(200);
        ObjectNode unsigned = (ObjectNode) call.at("/candidates/0/content").deepCopy();
        ((ObjectNode) unsigned.path("parts").get(0)).remove("thoughtSignature");
        assertRejected(generate(request(TOOLS, ask, unsigned.toString(), RESULT)),
                "Function call is missing a thought_signature in functionCall parts.");
        ObjectNode forged = unsigned.deepCopy();
        ((ObjectNode) forged.path("parts").get(0)).put("thoughtSignature", "Zm9yZ2Vk");
        assertRejected(generate(request(TOOLS, ask, forged.toString(), RESULT)), "Corrupted thought signature.");

        String reply = "{\"role\":\"model\",\"parts\":[{\"text\":\"No rain.\"}]}";
        String thanks = "{\"role\":\"user\",\"parts\":[{\"text\":\"Thanks!\"}]}";
        assertThat(generate(request(TOOLS, ask, unsigned.toString(), RESULT, reply, thanks)).statusCode()).isEqualTo(200);
    }

    /** The model turn of an answer, as the API wants it back. */
    private static String modelTurn(JsonNode answer) {
        return answer.at("/candidates/0/content").toString();
    }

    @Test
    void countTokensEmbeddingsAndBatches() {
        assertThat(FakeHttp.json(FakeHttp.post(fake, "/v1beta/models/gemini-fake:countTokens", request("", HI), KEY, "k"))
                .path("totalTokens").asLong()).isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertThat(FakeHttp.json(FakeHttp.post(fake, "/v1beta/models/e:embedContent", "{\"content\":{\"parts\":[{\"text\":\"a\"}]}}",
                KEY, "k")).path("embedding").path("values")).hasSize(3);
        JsonNode batch = FakeHttp.json(FakeHttp.post(fake, "/v1beta/models/e:batchEmbedContents",
                "{\"requests\":[{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"a\"}]}},"
                        + "{\"model\":\"models/e\",\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}", KEY, "k"));
        assertThat(batch.path("embeddings")).hasSize(2);
        assertThat(FakeHttp.post(fake, "/v1beta/models/e:embedContent", "{}", KEY, "k").statusCode()).isEqualTo(400);
    }
}
