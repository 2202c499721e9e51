package dev.switchboard.format;

import static dev.switchboard.format.openai.CodecFixtures.assertJsonGolden;
import static dev.switchboard.format.openai.CodecFixtures.assertSseGolden;
import static dev.switchboard.format.openai.CodecFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.openai.CodecFixtures;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.StreamEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gemini's thought signatures through clients of the other formats, which have no field for them: the
 * answer gives each signed call an id that carries its signature ({@link SignedCallIds}), and when the
 * client sends the call and its result back under that id, the Gemini request has the signature on the
 * function call again and the call's own id on both the call and its response. Unsigned calls (the
 * second of two parallel calls) keep their plain ids.
 */
class GeminiSignaturesAcrossFormatsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    /** The signature of gemini/response-function-call.json, which has '+', '/' and '=' padding. */
    private static final String SIGNATURE = "CikBcsjafFK168IbtVtoxVV0Tsn8O+eU45rzJahzwuKGmMbdMdfpmNpgBwplAXLI2nyA/pIFcnZw"
            + "Fm+7WFmLyMd8R4DXwsjqaeAAfCKo5G1xIkbAlJp8VevnIWRZ9SyMmiiqmY6linicJ5dg3rVLHM9wwSQ8FEvAxgO3Ave1rRlh/SaJJFga1B9dMG3/N47GFqw=";
    private final Codecs codecs = Codecs.standard(CLOCK, Json.FACTORY);
    private final ChatCodec gemini = codecs.client(ClientFormat.GEMINI);

    enum Client {
        OPENAI_CHAT("openai"),
        OPENAI_RESPONSES("responses"),
        ANTHROPIC("anthropic");

        final String dir;

        Client(String dir) {
            this.dir = dir;
        }

        ClientFormat format() {
            return ClientFormat.valueOf(name());
        }

        String fixture(String name) {
            return dir + "/" + name;
        }
    }

    private ChatCodec codec(Client c) {
        return codecs.client(c.format());
    }

    /** The follow-up turn each client sends: the model's calls under the ids it got, and their results. */
    private ChatRequest followUp(Client c) {
        return codec(c).decodeRequest(bytes(c.fixture("request-gemini-signed-history.json")), null, false);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void anAnswerGivesTheSignedCallAnIdCarryingItsSignature(Client c) {
        ChatResponse answer = gemini.decodeResponse(bytes("gemini/response-function-call.json"));

        byte[] encoded = codec(c).encodeResponse(answer, followUp(c));

        assertJsonGolden(c.fixture("from-gemini-response-signed-call.expected.json"), encoded);
        JsonNode root = CodecFixtures.json(encoded);
        String id = switch (c) {
            case OPENAI_CHAT -> root.path("choices").path(0).path("message").path("tool_calls").path(0).path("id").asText();
            case OPENAI_RESPONSES -> root.findValue("call_id").asText();
            case ANTHROPIC -> root.path("content").path(0).path("id").asText();
        };
        assertThat(id).matches("[A-Za-z0-9_-]+"); // Anthropic's tool_use id alphabet
        assertThat(SignedCallIds.split(id)).isEqualTo(new SignedCallIds.Split("call_qpc2afWVFJK4vr0Pq6WiyAU_0", SIGNATURE));
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aStreamGivesOnlyTheSignedOfTwoParallelCallsASignedId(Client c) {
        List<StreamEvent> events = CodecFixtures.decode(gemini.newStreamDecoder(),
                CodecFixtures.sse(CodecFixtures.text("gemini/stream-function-call.sse")));

        String sse = CodecFixtures.encode(codec(c).newStreamEncoder(followUp(c)), events);

        assertSseGolden(c.fixture("from-gemini-stream-signed-calls.expected.sse"), sse);
        assertThat(sse).contains("call_qpc2afWVFJK4vr0Pq6WiyAU_0__thsig_bCikBcsjafFK168IbtVtoxVV0Tsn8O-eU45rz\"")
                .contains("\"call_qpc2afWVFJK4vr0Pq6WiyAU_1\"");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void theFollowUpTurnPutsTheSignatureBackOnTheFunctionCall(Client c) {
        Dropped dropped = new Dropped();

        byte[] encoded = gemini.encodeRequest(followUp(c).withModel("gemini-2.5-flash"), dropped);

        assertJsonGolden("gemini/from-" + c.dir + "-signed-history.expected.json", encoded);
        JsonNode model = CodecFixtures.json(encoded).path("contents").path(1);
        assertThat(model.path("role").asText()).isEqualTo("model");
        JsonNode first = model.path("parts").path(0);
        assertThat(first.path("thoughtSignature").asText()).isEqualTo(SIGNATURE);
        assertThat(first.path("functionCall").path("id").asText()).isEqualTo("call_qpc2afWVFJK4vr0Pq6WiyAU_0");
        assertThat(model.path("parts").path(1).has("thoughtSignature")).isFalse();
        JsonNode results = CodecFixtures.json(encoded).path("contents").path(2).path("parts");
        assertThat(results.findValuesAsText("id")).containsExactly("call_qpc2afWVFJK4vr0Pq6WiyAU_0",
                "call_qpc2afWVFJK4vr0Pq6WiyAU_1");
        assertThat(dropped.fields()).as(c.name().toLowerCase(Locale.ROOT)).isEmpty();
    }
}
