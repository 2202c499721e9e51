package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Part;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Calls no Gemini model signed (another provider's, in a tool loop that failed over to Gemini) get
 * Google's documented placeholder where Gemini 3 demands a signature: on each model step's first call
 * in the current turn. Earlier turns, later calls of a step and Gemini's own signatures are left alone.
 */
class GeminiUnsignedCallsTest {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);

    private static final String HISTORY = """
            {"contents":[
              {"role":"user","parts":[{"text":"first question"}]},
              {"role":"model","parts":[{"functionCall":{"id":"a","name":"f","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"a","name":"f","response":{"ok":true}}}]},
              {"role":"model","parts":[{"text":"done"}]},
              {"role":"user","parts":[{"text":"second question"}]},
              {"role":"model","parts":[{"functionCall":{"id":"b","name":"f","args":{}}},{"functionCall":{"id":"c","name":"f","args":{}}}]},
              {"role":"user","parts":[{"functionResponse":{"id":"b","name":"f","response":{}}},{"functionResponse":{"id":"c","name":"f","response":{}}}]},
              {"role":"model","parts":[{"functionCall":{"id":"d","name":"f","args":{}},"thoughtSignature":"c2lnbmVk"}]},
              {"role":"user","parts":[{"functionResponse":{"id":"d","name":"f","response":{}}}]}
            ]}""";

    @Test
    void theCurrentTurnsStepsGetThePlaceholderOnTheirFirstCallOnly() throws Exception {
        JsonNode contents = encode(HISTORY).get("contents");
        assertThat(contents.get(1).get("parts").get(0).has("thoughtSignature")).as("an earlier turn").isFalse();
        assertThat(contents.get(5).get("parts").get(0).get("thoughtSignature").asText())
                .isEqualTo(GeminiRequestEncoder.UNSIGNED_CALL);
        assertThat(contents.get(5).get("parts").get(1).has("thoughtSignature")).as("a step's second call").isFalse();
        assertThat(contents.get(7).get("parts").get(0).get("thoughtSignature").asText()).isEqualTo("c2lnbmVk");
    }

    @Test
    void thePlaceholderIsNotASignatureToCarryToOtherFormats() {
        ChatRequest canonical = codec.decodeRequest(HISTORY.replace("{\"id\":\"b\",\"name\":\"f\",\"args\":{}}}",
                "{\"id\":\"b\",\"name\":\"f\",\"args\":{}},\"thoughtSignature\":\"" + GeminiRequestEncoder.UNSIGNED_CALL + "\"}")
                .getBytes(StandardCharsets.UTF_8), "models/gemini-3-pro", false);
        Part.ToolCall b = canonical.messages().get(5).parts().stream().filter(Part.ToolCall.class::isInstance)
                .map(Part.ToolCall.class::cast).findFirst().orElseThrow();
        assertThat(b.signature()).isNull();
    }

    private JsonNode encode(String gemini) throws Exception {
        ChatRequest canonical = codec.decodeRequest(gemini.getBytes(StandardCharsets.UTF_8), "models/gemini-3-pro", false);
        return Json.MAPPER.readTree(codec.encodeRequest(canonical, new Dropped()));
    }
}
