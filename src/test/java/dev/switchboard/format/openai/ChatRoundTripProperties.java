package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.CanonicalArbitraries.base64;
import static dev.switchboard.format.openai.CanonicalArbitraries.id;
import static dev.switchboard.format.openai.CanonicalArbitraries.text;
import static dev.switchboard.format.openai.CanonicalArbitraries.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Dropped;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** canonical → Chat Completions → canonical keeps every field Chat Completions can carry. */
class ChatRoundTripProperties {
    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Property(tries = 200)
    void requestsSurvive(@ForAll("requests") ChatRequest request) {
        Dropped dropped = new Dropped();
        ChatRequest back = codec.decodeRequest(codec.encodeRequest(request, dropped), null, false);
        assertThat(dropped.isEmpty()).as(dropped.headerValue()).isTrue();
        assertThat(back).isEqualTo(expected(request));
    }

    @Property(tries = 200)
    void answersSurvive(@ForAll("responses") ChatResponse response) {
        ChatRequest any = codec.decodeRequest("{\"model\":\"m\",\"messages\":[]}".getBytes(), null, false);
        assertThat(codec.decodeResponse(codec.encodeResponse(response, any))).isEqualTo(response);
    }

    @Property(tries = 200)
    void streamsSurvive(@ForAll("streams") List<StreamEvent> events) {
        assertThat(CanonicalStreams.violation(events)).isNull();
        String sse = CodecFixtures.encode(new OpenAiChatStreamEncoder(true), events);
        assertThat(CodecFixtures.decode(codec.newStreamDecoder(), CodecFixtures.sse(sse))).isEqualTo(events);
    }

    /** What the decoder gives back: system parts joined into one text, usage always asked for a stream. */
    private static ChatRequest expected(ChatRequest r) {
        List<Part> system = r.systemText().isEmpty() ? List.of() : List.of(new Part.Text(r.systemText()));
        return new ChatRequest(r.model(), system, r.messages(), r.tools(), r.toolChoice(), r.parallelToolCalls(), r.sampling(),
                r.maxTokens(), r.stop(), r.reasoning(), r.responseFormat(), r.stream(), r.stream(), r.user(), r.source(),
                r.extras());
    }

    @Provide
    Arbitrary<ChatRequest> requests() {
        Arbitrary<List<Part>> system = text().map(t -> (Part) new Part.Text(t)).list().ofMaxSize(2);
        Arbitrary<List<Message>> messages = message().list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<Sampling> sampling = Combinators.combine(Arbitraries.doubles().between(0, 2).injectNull(0.5),
                Arbitraries.doubles().between(0, 1).injectNull(0.5), Arbitraries.longs().injectNull(0.5),
                Arbitraries.integers().between(1, 4).injectNull(0.5), Arbitraries.doubles().between(-2, 2).injectNull(0.5),
                Arbitraries.doubles().between(-2, 2).injectNull(0.5))
                .as((t, p, seed, n, pp, fp) -> new Sampling(t, p, null, seed, n, pp, fp));
        Arbitrary<Map<String, String>> extras = Arbitraries.maps(Arbitraries.of("logit_bias", "metadata", "service_tier", "x_custom"),
                Arbitraries.of("1", "\"auto\"", "{\"a\":[1,2]}", "true")).ofMaxSize(2);
        Arbitrary<ChatRequest> withoutTools = Combinators.combine(Arbitraries.of("gpt-4.1", "o3", "llama3"), system, messages,
                sampling, Arbitraries.integers().between(1, 100_000).injectNull(0.3),
                text().list().ofMaxSize(4), CanonicalArbitraries.reasoning().injectNull(0.5),
                CanonicalArbitraries.responseFormat().injectNull(0.5))
                .as((model, sys, msgs, s, max, stop, reasoning, format) -> new ChatRequest(model, sys, msgs, List.of(), null,
                        null, s, max, stop, reasoning, format, false, false, null, ClientFormat.OPENAI_CHAT, Map.of()));
        return Combinators.combine(withoutTools, CanonicalArbitraries.tool().list().ofMaxSize(3), toolChoice().injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.4), Arbitraries.of(true, false), text().injectNull(0.5), extras)
                .as((r, tools, choice, parallel, stream, user, ex) -> new ChatRequest(r.model(), r.system(), r.messages(), tools,
                        tools.isEmpty() ? null : choice, tools.isEmpty() ? null : parallel, r.sampling(), r.maxTokens(), r.stop(),
                        r.reasoning(), r.responseFormat(), stream, stream, user, ClientFormat.OPENAI_CHAT, ex));
    }

    private static Arbitrary<ToolChoice> toolChoice() {
        return Arbitraries.oneOf(Arbitraries.of(new ToolChoice.Auto(), new ToolChoice.None(), new ToolChoice.Required()),
                Arbitraries.of("f", "get_weather").map(ToolChoice.Named::new));
    }

    private static Arbitrary<Message> message() {
        Arbitrary<Part> userPart = Arbitraries.oneOf(text().map(Part.Text::new), CanonicalArbitraries.image(),
                CanonicalArbitraries.inlineDocument(),
                Combinators.combine(base64(), Arbitraries.of("wav", "mp3")).as(Part.Audio::new));
        Arbitrary<Message> user = userPart.list().ofMinSize(1).ofMaxSize(3).map(p -> new Message(Role.USER, p));
        Arbitrary<Message> assistant = Combinators.combine(text().injectNull(0.3), toolCall().list().ofMaxSize(2))
                .as((t, calls) -> {
                    List<Part> parts = new ArrayList<>();
                    if (t != null) {
                        parts.add(new Part.Text(t));
                    }
                    parts.addAll(calls);
                    return new Message(Role.ASSISTANT, parts);
                });
        Arbitrary<Message> tool = Combinators.combine(id(), text().list().ofMinSize(1).ofMaxSize(2))
                .as((i, texts) -> new Message(Role.TOOL, List.of(new Part.ToolResult("call_" + i, null,
                        texts.stream().map(t -> (Part) new Part.Text(t)).toList(), false))));
        return Arbitraries.oneOf(user, assistant, tool);
    }

    @Provide
    Arbitrary<ChatResponse> responses() {
        Arbitrary<Choice> normal = Combinators.combine(text().injectNull(0.3), toolCall().list().ofMaxSize(3),
                Arbitraries.of(StopReason.END_TURN, StopReason.MAX_TOKENS, StopReason.TOOL_USE, StopReason.CONTENT_FILTER))
                .as((t, calls, stop) -> {
                    List<Part> parts = new ArrayList<>();
                    if (t != null) {
                        parts.add(new Part.Text(t));
                    }
                    parts.addAll(calls);
                    return new Choice(0, parts, stop, null);
                });
        Arbitrary<Choice> refusal = text().map(t -> new Choice(0, List.of(new Part.Text(t)), StopReason.REFUSAL, null));
        return Combinators.combine(id(), Arbitraries.of("gpt-4o", "llama3"), Arbitraries.longs().between(0, 2_000_000_000L),
                Arbitraries.oneOf(normal, refusal), CanonicalArbitraries.usage(false))
                .as((i, model, created, choice, usage) -> new ChatResponse("chatcmpl-" + i, model, created, List.of(choice), usage));
    }

    @Provide
    Arbitrary<List<StreamEvent>> streams() {
        Arbitrary<List<CanonicalArbitraries.BlockSpec>> blocks = CanonicalArbitraries.block(false).list().ofMaxSize(4)
                .filter(CanonicalArbitraries::noAdjacentText);
        Arbitrary<StreamEvent> finish = Combinators.combine(
                Arbitraries.of(StopReason.END_TURN, StopReason.MAX_TOKENS, StopReason.TOOL_USE, StopReason.CONTENT_FILTER),
                CanonicalArbitraries.usage(false)).as((s, u) -> new StreamEvent.Finish(s, null, u));
        Arbitrary<StreamEvent> error = Combinators.combine(CanonicalArbitraries.roundTrippingErrorKind(), text().filter(m -> !m.isBlank()))
                .as((k, m) -> new StreamEvent.Error(k, m, Usage.NONE));
        return Combinators.combine(id(), Arbitraries.of("gpt-4o", "qwen"), Arbitraries.longs().between(0, 2_000_000_000L),
                blocks, Arbitraries.oneOf(finish, error))
                .as((i, model, created, b, end) -> {
                    StreamEvent ending = end instanceof StreamEvent.Finish f
                            ? new StreamEvent.Finish(CanonicalArbitraries.stopFor(b, f.stopReason()), null, f.usage()) : end;
                    List<StreamEvent> events = CanonicalArbitraries.events("chatcmpl-" + i, model, created, b, ending);
                    return ending instanceof StreamEvent.Error ? withoutTrailingStop(events) : events;
                });
    }

    /** A stream that fails stops mid-block: the last block stays open, as it would on the wire. */
    private static List<StreamEvent> withoutTrailingStop(List<StreamEvent> events) {
        List<StreamEvent> out = new ArrayList<>(events);
        if (out.size() >= 3 && out.get(out.size() - 2) instanceof StreamEvent.BlockStop) {
            out.remove(out.size() - 2);
        }
        return out;
    }
}
