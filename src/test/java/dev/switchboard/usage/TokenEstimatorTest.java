package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.ToolDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {
    private static final TokenEstimator ESTIMATOR = new TokenEstimator();

    private static ChatRequest request(List<Part> system, List<Message> messages, List<ToolDef> tools) {
        return new ChatRequest("gpt-4o", system, messages, tools, null, null, null, null, List.of(), null, null, false,
                false, null, null, Map.of());
    }

    @Test
    void picksTheModelsTokenizer() {
        assertThat(ESTIMATOR.encodingFor("gpt-4o").getName()).isEqualTo("o200k_base");
        assertThat(ESTIMATOR.encodingFor("openai/gpt-4.1-mini").getName()).isEqualTo("o200k_base");
        assertThat(ESTIMATOR.encodingFor("o3").getName()).isEqualTo("o200k_base");
        assertThat(ESTIMATOR.encodingFor("gpt-4-turbo").getName()).isEqualTo("cl100k_base");
        assertThat(ESTIMATOR.encodingFor("gpt-3.5-turbo").getName()).isEqualTo("cl100k_base");
        assertThat(ESTIMATOR.encodingFor("claude-sonnet-4-5").getName()).isEqualTo("o200k_base");
    }

    @Test
    void countsText() {
        assertThat(ESTIMATOR.count("gpt-4o", "hello world")).isEqualTo(2);
        assertThat(ESTIMATOR.count("gpt-4o", "")).isZero();
        assertThat(ESTIMATOR.count("gpt-4o", null)).isZero();
        // an OpenAI special token in user text is ordinary text, not a control token
        assertThat(ESTIMATOR.count("gpt-4o", "<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void promptCountsFramingSystemMessagesToolsAndImages() {
        ChatRequest one = request(List.of(), List.of(Message.text(Role.USER, "hello world")), List.of());
        assertThat(ESTIMATOR.countPrompt("gpt-4o", one)).isEqualTo(3 + 3 + 2);

        ChatRequest rich = request(List.of(new Part.Text("hello world")),
                List.of(new Message(Role.USER, List.of(new Part.Text("hello world"),
                        new Part.Image("https://example.com/a.png", null, null)))),
                List.of(new ToolDef("hello", null, null, null)));
        assertThat(ESTIMATOR.countPrompt("gpt-4o", rich))
                .isEqualTo(3 + (3 + 2) + (3 + 2 + TokenEstimator.IMAGE_TOKENS) + 1);
    }

    @Test
    void estimatesAreMarked() {
        ChatRequest one = request(List.of(), List.of(Message.text(Role.USER, "hello world")), List.of());
        Usage u = ESTIMATOR.estimate("gpt-4o", one, "hello world");
        assertThat(u).isEqualTo(new Usage(8, 2, 0, 0, 0, true));
    }
}
