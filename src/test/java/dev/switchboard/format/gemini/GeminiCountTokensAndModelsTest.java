package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.format.Dropped;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Part;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** countTokens and the model lists. */
class GeminiCountTokensAndModelsTest {
    @Test
    void countTokensReadsBothRequestShapes() {
        ChatRequest plain = GeminiCountTokens.decode(GeminiFixtures.bytes("count-tokens-contents.json"), "models/gemini-2.5-flash");
        assertThat(plain.model()).isEqualTo("gemini-2.5-flash");
        assertThat(plain.messages()).singleElement().satisfies(m -> assertThat(m.parts())
                .containsExactly(new Part.Text("The quick brown fox jumps over the lazy dog.")));

        ChatRequest full = GeminiCountTokens.decode(GeminiFixtures.bytes("count-tokens-generate-request.json"), null);
        assertThat(full.model()).isEqualTo("gemini-2.5-flash");
        assertThat(full.systemText()).isEqualTo("You are a careful editor.");
        assertThat(full.tools()).hasSize(1);
        assertThatThrownBy(() -> GeminiCountTokens.decode("{}".getBytes(StandardCharsets.UTF_8), "m"))
                .isInstanceOf(GatewayError.class);
    }

    @Test
    void countTokensForAGeminiUpstreamSendsTheWholeRequest() {
        ChatRequest full = GeminiCountTokens.decode(GeminiFixtures.bytes("count-tokens-generate-request.json"), null);
        byte[] body = GeminiCountTokens.encode(full, new Dropped());
        assertThat(GeminiFixtures.json(body)).isEqualTo(GeminiFixtures.json(GeminiFixtures.bytes("count-tokens-generate-request.json")));
        assertThat(GeminiCountTokens.parseTotal(GeminiCountTokens.render(1234))).isEqualTo(1234);
        assertThat(GeminiFixtures.json(GeminiCountTokens.render(7))).isEqualTo(GeminiFixtures.json("{\"totalTokens\":7}"));
    }

    @Test
    void modelListsInGeminisShape() {
        byte[] list = GeminiModels.list(List.of(GeminiModels.Entry.chat("smart"),
                new GeminiModels.Entry("gemini/gemini-2.5-pro", "Gemini 2.5 Pro", List.of("generateContent")),
                GeminiModels.Entry.embedding("embed")));
        assertThat(GeminiFixtures.json(list)).isEqualTo(GeminiFixtures.json("""
                {"models":[
                  {"name":"models/smart","displayName":"smart","supportedGenerationMethods":["generateContent","streamGenerateContent","countTokens"]},
                  {"name":"models/gemini/gemini-2.5-pro","displayName":"Gemini 2.5 Pro","supportedGenerationMethods":["generateContent"]},
                  {"name":"models/embed","displayName":"embed","supportedGenerationMethods":["embedContent","batchEmbedContents"]}]}"""));
        assertThat(GeminiFixtures.json(GeminiModels.one(GeminiModels.Entry.chat("x"))).get("name").asText()).isEqualTo("models/x");
        assertThat(GeminiModels.parseIds(list)).containsExactly("smart", "gemini/gemini-2.5-pro", "embed");
        assertThat(GeminiModels.parseIds("oops".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
