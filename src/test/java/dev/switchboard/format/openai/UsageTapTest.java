package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Usage;
import dev.switchboard.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UsageTapTest {
    @Test
    void chatBodyUsageWithDetails() {
        Usage u = OpenAiUsage.fromBody(("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"usage\"}}],\"usage\":{"
                + "\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(u).isEqualTo(new Usage(10, 5, 4, 0, 2, false));
    }

    @Test
    void responsesUsageShape() {
        Usage u = OpenAiUsage.fromResponseEvent("{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"usage\":{"
                + "\"input_tokens\":7,\"input_tokens_details\":{\"cached_tokens\":1},\"output_tokens\":3,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":1},\"total_tokens\":10}}}");
        assertThat(u).isEqualTo(new Usage(7, 3, 1, 0, 1, false));
    }

    @Test
    void chatTapFindsUsageChunkAndIgnoresNullUsage() {
        ChatStreamTap tap = new ChatStreamTap();
        assertThat(tap.onEvent(event("{\"choices\":[{\"delta\":{\"content\":\"\\\"usage\\\"\"}}],\"usage\":null}"))).isFalse();
        assertThat(tap.usage()).isNull();
        assertThat(tap.onEvent(event("{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"))).isTrue();
        assertThat(tap.usage()).isEqualTo(new Usage(3, 2, 0, 0, 0, false));
    }

    @Test
    void usageOnAChunkWithChoicesIsReadButNotWithheld() {
        ChatStreamTap tap = new ChatStreamTap();
        boolean usageOnly = tap.onEvent(event("{\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"));
        assertThat(usageOnly).isFalse();
        assertThat(tap.usage().output()).isEqualTo(2);
    }

    private static SseEvent event(String data) {
        return new SseEvent(null, data, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
