package dev.switchboard.format.responses;

import static dev.switchboard.format.openai.CanonicalArbitraries.base64;
import static dev.switchboard.format.openai.CanonicalArbitraries.id;
import static dev.switchboard.format.openai.CanonicalArbitraries.text;
import static dev.switchboard.format.openai.CanonicalArbitraries.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Dropped;
import dev.switchboard.format.openai.CanonicalArbitraries;
import dev.switchboard.format.openai.CanonicalStreams;
import dev.switchboard.format.openai.CodecFixtures;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** canonical → Responses → canonical keeps every field Responses can carry. */
class ResponsesRoundTripProperties {
    private static final String EMPTY_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";
    private final ResponsesCodec codec = new ResponsesCodec();

    @Property(tries = 200)
    void requestsSurvive(@ForAll("requests") ChatRequest request) {
        Dropped dropped = new Dropped();
        ChatRequest back = codec.decodeRequest(codec.encodeRequest(request, dropped), null, false);
        assertThat(dropped.isEmpty()).as(dropped.headerValue()).isTrue();
        assertThat(back).isEqualTo(expected(request));
    }

    @Property(tries = 200)
    void answersSurvive(@ForAll("responses") ChatResponse response) {
        ChatRequest any = codec.decodeRequest("{\"model\":\"m\",\"input\":\"x\"}".getBytes(), null, false);
        assertThat(codec.decodeResponse(codec.encodeResponse(response, any))).isEqualTo(response);
    }

    @Property(tries = 200)
    void streamsSurvive(@ForAll("streams") List<StreamEvent> events) {
        assertThat(CanonicalStreams.violation(events)).isNull();
        ChatRequest any = codec.decodeRequest("{\"model\":\"m\",\"input\":\"x\"}".getBytes(), null, false);
        String sse = CodecFixtures.encode(codec.newStreamEncoder(any), events);
        assertThat(CodecFixtures.decode(codec.newStreamDecoder(), CodecFixtures.sse(sse))).isEqualTo(events);
    }

    /** Tools come back strict: false and with an empty object schema when they had none. */
    private static ChatRequest expected(ChatRequest r) {
        List<Part> system = r.systemText().isEmpty() ? List.of() : List.of(new Part.Text(r.systemText()));
        List<ToolDef> tools = r.tools().stream().map(t -> new ToolDef(t.name(), t.description(),
                t.parametersJson() == null ? EMPTY_SCHEMA : t.parametersJson(), Boolean.TRUE.equals(t.strict()))).toList();
        return new ChatRequest(r.model(), system, r.messages(), tools, r.toolChoice(), r.parallelToolCalls(), r.sampling(),
                r.maxTokens(), r.stop(), r.reasoning(), r.responseFormat(), r.stream(), r.stream(), r.user(), r.source(), r.extras());
    }

    @Provide
    Arbitrary<ChatRequest> requests() {
        Arbitrary<Sampling> sampling = Combinators.combine(Arbitraries.doubles().between(0, 2).injectNull(0.5),
                Arbitraries.doubles().between(0, 1).injectNull(0.5)).as((t, p) -> new Sampling(t, p, null, null, null, null, null));
        Arbitrary<Reasoning> reasoning = Combinators.combine(Arbitraries.of("minimal", "low", "medium", "high", "none"),
                Arbitraries.of(true).injectNull(0.5))
                .as((e, thoughts) -> new Reasoning(!e.equals("none"), e, null, thoughts));
        Arbitrary<Map<String, String>> extras = Arbitraries.maps(Arbitraries.of("include", "metadata", "store", "truncation"),
                Arbitraries.of("[\"reasoning.encrypted_content\"]", "{\"k\":\"v\"}", "false", "\"auto\"")).ofMaxSize(2);
        Arbitrary<ChatRequest> base = Combinators.combine(Arbitraries.of("gpt-4.1", "o4-mini"),
                text().map(t -> (Part) new Part.Text(t)).list().ofMaxSize(2), conversation(), sampling,
                Arbitraries.integers().between(16, 100_000).injectNull(0.3), reasoning.injectNull(0.5),
                CanonicalArbitraries.responseFormat().injectNull(0.5), text().injectNull(0.5))
                .as((model, sys, msgs, s, max, r, format, user) -> new ChatRequest(model, sys, msgs, List.of(), null, null, s,
                        max, List.of(), r, format, false, false, user, ClientFormat.OPENAI_RESPONSES, Map.of()));
        Arbitrary<ToolChoice> choice = Arbitraries.oneOf(
                Arbitraries.of(new ToolChoice.Auto(), new ToolChoice.None(), new ToolChoice.Required()),
                Arbitraries.of("f", "search").map(ToolChoice.Named::new));
        return Combinators.combine(base, CanonicalArbitraries.tool().list().ofMaxSize(3), choice.injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.4), Arbitraries.of(true, false), extras)
                .as((r, tools, c, parallel, stream, ex) -> new ChatRequest(r.model(), r.system(), r.messages(), tools,
                        tools.isEmpty() ? null : c, tools.isEmpty() ? null : parallel, r.sampling(), r.maxTokens(), r.stop(),
                        r.reasoning(), r.responseFormat(), stream, stream, r.user(), ClientFormat.OPENAI_RESPONSES, ex));
    }

    /** Turns as Responses can carry them: never two assistant turns in a row (their items would merge). */
    private static Arbitrary<List<Message>> conversation() {
        Arbitrary<Part> userPart = Arbitraries.oneOf(text().map(Part.Text::new), CanonicalArbitraries.image(),
                CanonicalArbitraries.inlineDocument(),
                Arbitraries.of("https://example.com/a.pdf").map(u -> new Part.Document(u, null, null, null)));
        Arbitrary<Message> user = userPart.list().ofMinSize(1).ofMaxSize(3).map(p -> new Message(Role.USER, p));
        Arbitrary<Part> assistantPart = Arbitraries.oneOf(text().map(Part.Text::new), toolCall().map(c -> (Part) c),
                Combinators.combine(text(), base64()).as(Part.Thinking::new), base64().map(Part.RedactedThinking::new));
        Arbitrary<Message> assistant = assistantPart.list().ofMinSize(1).ofMaxSize(4)
                .filter(ResponsesRoundTripProperties::noAdjacentText).map(p -> new Message(Role.ASSISTANT, p));
        Arbitrary<Message> tool = Combinators.combine(id(), text())
                .as((i, t) -> new Message(Role.TOOL, List.of(new Part.ToolResult("call_" + i, null, List.of(new Part.Text(t)), false))));
        return Arbitraries.oneOf(user, assistant, tool).list().ofMinSize(1).ofMaxSize(5).filter(msgs -> {
            for (int i = 1; i < msgs.size(); i++) {
                if (msgs.get(i).role() == Role.ASSISTANT && msgs.get(i - 1).role() == Role.ASSISTANT) {
                    return false;
                }
            }
            return true;
        });
    }

    private static boolean noAdjacentText(List<Part> parts) {
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i) instanceof Part.Text && parts.get(i - 1) instanceof Part.Text) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<ChatResponse> responses() {
        Arbitrary<Part> part = Arbitraries.oneOf(text().map(Part.Text::new), toolCall().map(c -> (Part) c),
                Combinators.combine(text(), base64().injectNull(0.3)).as(Part.Thinking::new), base64().map(Part.RedactedThinking::new));
        Arbitrary<Choice> choice = Combinators.combine(part.list().ofMaxSize(5),
                Arbitraries.of(StopReason.END_TURN, StopReason.MAX_TOKENS, StopReason.CONTENT_FILTER, StopReason.REFUSAL))
                .as((parts, stop) -> {
                    boolean calls = parts.stream().anyMatch(p -> p instanceof Part.ToolCall);
                    boolean texts = parts.stream().anyMatch(p -> p instanceof Part.Text);
                    StopReason s = stop == StopReason.END_TURN && calls ? StopReason.TOOL_USE
                            : stop == StopReason.REFUSAL && (calls || !texts) ? StopReason.END_TURN : stop;
                    if (s == StopReason.END_TURN && calls) {
                        s = StopReason.TOOL_USE;
                    }
                    return new Choice(0, parts, s, null);
                });
        return Combinators.combine(id(), Arbitraries.of("gpt-4.1", "claude-sonnet-4-5"), Arbitraries.longs().between(0, 2_000_000_000L),
                choice, CanonicalArbitraries.usage(true))
                .as((i, model, created, c, usage) -> new ChatResponse("resp_" + i, model, created, List.of(c), usage));
    }

    @Provide
    Arbitrary<List<StreamEvent>> streams() {
        Arbitrary<List<CanonicalArbitraries.BlockSpec>> blocks = CanonicalArbitraries.block(true).list().ofMaxSize(4);
        Arbitrary<StreamEvent> finish = Combinators.combine(
                Arbitraries.of(StopReason.END_TURN, StopReason.MAX_TOKENS, StopReason.CONTENT_FILTER),
                CanonicalArbitraries.usage(true)).as((s, u) -> new StreamEvent.Finish(s, null, u));
        Arbitrary<StreamEvent> error = Combinators.combine(
                Arbitraries.of(ErrorKind.RATE_LIMITED, ErrorKind.INVALID_REQUEST, ErrorKind.UPSTREAM_ERROR),
                text().filter(m -> !m.isBlank()), CanonicalArbitraries.usage(true))
                .as(StreamEvent.Error::new);
        return Combinators.combine(id(), Arbitraries.of("gpt-4.1", "o4-mini"), Arbitraries.longs().between(0, 2_000_000_000L),
                blocks, Arbitraries.oneOf(finish, error))
                .as((i, model, created, b, end) -> CanonicalArbitraries.events("resp_" + i, model, created, b,
                        end instanceof StreamEvent.Finish f
                                ? new StreamEvent.Finish(CanonicalArbitraries.stopFor(b, f.stopReason()), null, f.usage()) : end));
    }
}
