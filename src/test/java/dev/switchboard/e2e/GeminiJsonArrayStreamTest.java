package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Gemini client that streams without {@code alt=sse} gets what Gemini sends then: one JSON array of
 * GenerateContentResponse objects, growing as the upstream answers, closed once — from a provider of
 * each format (a translated relay ends the response with its last event, and the array's bracket must
 * still come once, after it).
 */
class GeminiJsonArrayStreamTest extends SdkMatrix {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String QUESTION = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"What is the weather in Paris?\"}]}]}";

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void answersOneJsonArrayWithTheSameTextAsTheSseStream(Upstream u) throws Exception {
        String path = "/v1beta/models/" + u.model() + ":streamGenerateContent";
        HttpResponse<String> array = bed.gw.post(path, QUESTION, "x-goog-api-key", GatewayTest.KEY);
        HttpResponse<String> sse = bed.gw.post(path + "?alt=sse", QUESTION, "x-goog-api-key", GatewayTest.KEY);

        assertThat(array.statusCode()).as(array.body()).isEqualTo(200);
        assertThat(array.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode elements = JSON.readTree(array.body()); // one array, closed once: "]]" or a missing bracket does not parse
        assertThat(elements.isArray()).isTrue();
        assertThat(elements).isNotEmpty().allSatisfy(e -> assertThat(e.has("candidates") || e.has("usageMetadata")).isTrue());
        assertThat(elements.get(elements.size() - 1).path("usageMetadata").path("totalTokenCount").asInt()).isPositive();

        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.body().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        assertThat(text(elements)).isEqualTo(FakeAnswers.TEXT).isEqualTo(text(events));
    }

    private static String text(Iterable<JsonNode> responses) {
        StringBuilder text = new StringBuilder();
        for (JsonNode r : responses) {
            for (JsonNode part : r.path("candidates").path(0).path("content").path("parts")) {
                if (!part.path("thought").asBoolean(false)) {
                    text.append(part.path("text").asText(""));
                }
            }
        }
        return text.toString();
    }
}
