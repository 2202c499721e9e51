package dev.switchboard.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.openai.CodecFixtures;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.ProviderTool;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Built-in tools of each API (Gemini googleSearch, Responses web_search, Anthropic server tools, Chat's
 * custom tools and web_search_options) travel as {@link ProviderTool}s: an encoder of the client's own
 * API puts them back as they came, every other refuses the request with a 400 naming the tool, and
 * nothing is dropped quietly.
 */
class ProviderToolsAcrossFormatsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    private final Codecs codecs = Codecs.standard(CLOCK, Json.FACTORY);

    /** A request of each API with one function tool and one (or two) of its own tools. */
    enum Source {
        GEMINI(ClientFormat.GEMINI, "tools[0].googleSearch", "googleSearch", CodecFixtures.text("gemini/request-extras.json")),
        RESPONSES(ClientFormat.OPENAI_RESPONSES, "tools[1]", "web_search_preview",
                CodecFixtures.text("responses/request-hosted-tool.json")),
        ANTHROPIC(ClientFormat.ANTHROPIC, "tools.0", "web_search_20250305", """
                {"model":"m","max_tokens":100,"messages":[{"role":"user","content":"What happened in Lyon today?"}],
                 "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3},
                          {"name":"save_note","input_schema":{"type":"object"}},
                          {"type":"code_execution_20250825","name":"code_execution"}]}"""),
        CHAT(ClientFormat.OPENAI_CHAT, "tools[0]", "custom", """
                {"model":"m","messages":[{"role":"user","content":"Write and run a query."}],
                 "tools":[{"type":"custom","custom":{"name":"sql","format":{"type":"text"}}},
                          {"type":"function","function":{"name":"save_note","parameters":{"type":"object"}}}],
                 "web_search_options":{"search_context_size":"low"}}""");

        final ClientFormat format;
        final String path;
        final String type;
        final String body;

        Source(ClientFormat format, String path, String type, String body) {
            this.format = format;
            this.path = path;
            this.type = type;
            this.body = body;
        }
    }

    private ChatRequest decode(Source s) {
        return codecs.client(s.format).decodeRequest(s.body.getBytes(StandardCharsets.UTF_8),
                s == Source.GEMINI ? "gemini-2.5-flash" : null, false);
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void anotherProviderFormatRefusesTheRequestNamingTheTool(Source s) {
        ChatRequest request = decode(s);
        assertThat(request.tools()).as("function tools translate").isNotEmpty();
        assertThat(request.providerTools().getFirst().path()).isEqualTo(s.path);

        for (WireFormat wire : WireFormat.values()) {
            if (wire == s.format.sameWire() || s.format == ClientFormat.OPENAI_RESPONSES && wire == WireFormat.OPENAI) {
                continue; // the client's own API: passed through in the gateway, put back below
            }
            String provider = wire.name().toLowerCase(Locale.ROOT);
            Dropped dropped = new Dropped();
            assertThatThrownBy(() -> codecs.wire(wire).encodeRequest(request, dropped))
                    .as("%s → %s", s, provider)
                    .isInstanceOfSatisfying(GatewayError.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                        assertThat(e.param()).isEqualTo(s.path);
                        assertThat(e.getMessage()).startsWith(s.path + " is not supported by provider format " + provider + ": '"
                                + s.type + "' is a");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void theClientsOwnApiGetsItsToolsBackAsTheyCame(Source s) {
        ChatRequest request = decode(s);
        Dropped dropped = new Dropped();

        JsonNode sent = CodecFixtures.json(codecs.client(s.format).encodeRequest(request, dropped));
        JsonNode asked = CodecFixtures.json(s.body.getBytes(StandardCharsets.UTF_8));

        for (ProviderTool t : request.providerTools()) {
            JsonNode original = switch (s) {
                case GEMINI -> asked.path("tools").path(0);
                case ANTHROPIC -> asked.path("tools").path(Integer.parseInt(t.path().substring("tools.".length())));
                case RESPONSES, CHAT -> t.path().startsWith("tools[")
                        ? asked.path("tools").path(Integer.parseInt(t.path().replaceAll("\\D", "")))
                        : asked.path(t.path());
            };
            assertThat(t.path().startsWith("tools") ? sent.path("tools") : java.util.List.of(sent.path(t.path())))
                    .as(t.path()).contains(original);
        }
        assertThat(dropped.fields()).doesNotContain(s.type);
    }

    /** The example of the product rule, word for word. */
    @ParameterizedTest
    @EnumSource(value = Source.class, names = "GEMINI")
    void googleSearchTowardsAnthropic(Source s) {
        assertThatThrownBy(() -> codecs.wire(WireFormat.ANTHROPIC).encodeRequest(decode(s), new Dropped()))
                .hasMessage("tools[0].googleSearch is not supported by provider format anthropic: 'googleSearch' is a "
                        + "Gemini tool that only Gemini providers run");
    }
}
