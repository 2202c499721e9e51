package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.format.Json;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Canonical requests, answers and streams restricted to what the Anthropic format can carry, so that
 * a round trip through it must give them back unchanged.
 */
final class AnthropicArbitraries {
    static final List<StopReason> REPRESENTABLE_STOPS = List.of(StopReason.END_TURN, StopReason.MAX_TOKENS,
            StopReason.STOP_SEQUENCE, StopReason.TOOL_USE, StopReason.PAUSE_TURN, StopReason.REFUSAL);

    private AnthropicArbitraries() {}

    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('À', 'ÿ').withChars('\n', '"', '\\', '✓')
                .ofMinLength(1).ofMaxLength(24);
    }

    static Arbitrary<String> word() {
        return Arbitraries.strings().alpha().numeric().withChars('_', '-').ofMinLength(1).ofMaxLength(16);
    }

    /** A JSON object as Jackson writes it, so parsing and writing again gives the same text. */
    static Arbitrary<String> jsonObject() {
        Arbitrary<Object> value = Arbitraries.oneOf(text().map(s -> (Object) s),
                Arbitraries.integers().between(-1000, 1000).map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b));
        return Arbitraries.maps(word(), value).ofMaxSize(4).map(AnthropicArbitraries::write);
    }

    private static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Arbitrary<String> schema() {
        return Arbitraries.maps(word(), Arbitraries.of("string", "integer", "boolean")).ofMaxSize(3).map(props -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", "object");
            Map<String, Object> p = new LinkedHashMap<>();
            props.forEach((k, v) -> p.put(k, Map.of("type", v)));
            s.put("properties", p);
            return write(s);
        });
    }

    private static Arbitrary<Part> userPart() {
        return Arbitraries.oneOf(
                text().map(Part.Text::new),
                word().map(w -> new Part.Image("https://example.com/" + w + ".png", null, null)),
                Combinators.combine(word(), Arbitraries.of("image/png", "image/jpeg", "image/gif", "image/webp"))
                        .as((d, mt) -> new Part.Image(null, d, mt)),
                Combinators.combine(word(), word().injectNull(0.5)).as((d, t) -> new Part.Document(null, d, "application/pdf", t)),
                word().map(w -> new Part.Document("https://example.com/" + w + ".pdf", null, "application/pdf", null)),
                Combinators.combine(text(), word().injectNull(0.5)).as((t, title) -> new Part.Document(null,
                        Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8)), "text/plain", title)));
    }

    private static Arbitrary<Part> assistantPart() {
        return Arbitraries.oneOf(
                text().map(Part.Text::new),
                Combinators.combine(text(), word()).as(Part.Thinking::new),
                word().map(Part.RedactedThinking::new),
                Combinators.combine(word(), word(), jsonObject()).as((id, name, args) -> new Part.ToolCall(id, name, args, null)));
    }

    private static Arbitrary<Part> toolResult() {
        Arbitrary<List<Part>> content = Arbitraries.<Part>oneOf(text().map(Part.Text::new),
                word().map(w -> new Part.Image("https://example.com/" + w + ".png", null, null))).list().ofMaxSize(2);
        return Combinators.combine(word(), content, Arbitraries.of(true, false))
                .as((id, c, err) -> new Part.ToolResult(id, null, c, err));
    }

    private static Arbitrary<Message> message() {
        return Arbitraries.oneOf(
                userPart().list().ofMinSize(1).ofMaxSize(3).map(p -> new Message(Role.USER, p)),
                assistantPart().list().ofMinSize(1).ofMaxSize(3).map(p -> new Message(Role.ASSISTANT, p)),
                toolResult().list().ofMinSize(1).ofMaxSize(3).map(p -> new Message(Role.TOOL, p)));
    }

    /**
     * Keeps only turns Anthropic can tell apart: its user turn merges consecutive user-side messages
     * (results first), so a user message may follow tool results but nothing else of its side.
     */
    private static List<Message> alternate(List<Message> in) {
        List<Message> out = new ArrayList<>();
        for (Message m : in) {
            Role last = out.isEmpty() ? null : out.getLast().role();
            boolean ok = last == null || switch (m.role()) {
                case ASSISTANT -> last != Role.ASSISTANT;
                case USER -> last == Role.ASSISTANT || last == Role.TOOL;
                case TOOL -> last == Role.ASSISTANT;
            };
            if (ok) {
                out.add(m);
            }
        }
        return out;
    }

    static Arbitrary<ChatRequest> requests() {
        Arbitrary<List<ToolDef>> tools = Combinators.combine(word(), text().injectNull(0.3), schema(),
                Arbitraries.of(true, false).injectNull(0.5)).as(ToolDef::new).list().ofMaxSize(3)
                .uniqueElements(ToolDef::name);
        Arbitrary<Sampling> sampling = Combinators.combine(
                Arbitraries.doubles().between(0, 1).ofScale(2).injectNull(0.4),
                Arbitraries.doubles().between(0, 1).ofScale(3).injectNull(0.4),
                Arbitraries.integers().between(1, 500).injectNull(0.4))
                .as((t, p, k) -> new Sampling(t, p, k, null, null, null, null));
        Arbitrary<Reasoning> reasoning = Arbitraries.oneOf(
                Arbitraries.just((Reasoning) null), Arbitraries.just(Reasoning.off()),
                Combinators.combine(Arbitraries.integers().between(1024, 30000), Arbitraries.of(true, false).injectNull(0.5))
                        .as((b, show) -> new Reasoning(true, null, b, show)),
                Arbitraries.of(true, false).injectNull(0.5).map(show -> new Reasoning(true, null, null, show)));
        Arbitrary<ResponseFormat> format = schema().map(s -> (ResponseFormat) new ResponseFormat.JsonSchema(null, s, null))
                .injectNull(0.6);
        Arbitrary<Map<String, String>> extras = Arbitraries.maps(Arbitraries.of("service_tier", "inference_geo", "container"),
                word().map(AnthropicArbitraries::write)).ofMaxSize(2);
        return Combinators.combine(objects(
                word(), text().map(t -> (Part) new Part.Text(t)).list().ofMaxSize(3), message().list().ofMinSize(1).ofMaxSize(6),
                tools, Arbitraries.integers().between(0, 4), Arbitraries.of(true, false).injectNull(0.5), sampling,
                Arbitraries.integers().between(1, 64000), text().list().ofMaxSize(3), reasoning, format,
                Arbitraries.of(true, false), word().injectNull(0.5), extras)).as(AnthropicArbitraries::request);
    }

    @SuppressWarnings("unchecked")
    private static ChatRequest request(List<Object> v) {
        List<ToolDef> tools = (List<ToolDef>) v.get(3);
        ToolChoice choice = tools.isEmpty() ? null : switch ((Integer) v.get(4)) {
            case 0 -> null;
            case 1 -> new ToolChoice.Auto();
            case 2 -> new ToolChoice.None();
            case 3 -> new ToolChoice.Required();
            default -> new ToolChoice.Named(tools.get(0).name());
        };
        Reasoning reasoning = (Reasoning) v.get(9);
        boolean thinks = reasoning != null && reasoning.enabled();
        if (thinks && AnthropicTools.forcesToolUse(choice)) {
            choice = new ToolChoice.Auto();
        }
        Boolean parallel = choice == null || choice instanceof ToolChoice.None ? null : (Boolean) v.get(5);
        int maxTokens = (Integer) v.get(7);
        if (thinks && reasoning.budgetTokens() != null && maxTokens <= reasoning.budgetTokens()) {
            maxTokens = reasoning.budgetTokens() + maxTokens;
        }
        return new ChatRequest((String) v.get(0), (List<Part>) v.get(1), alternate((List<Message>) v.get(2)), tools,
                choice, parallel, thinks ? Sampling.NONE : (Sampling) v.get(6), maxTokens, (List<String>) v.get(8),
                reasoning, (ResponseFormat) v.get(10), (Boolean) v.get(11), true, (String) v.get(12),
                ClientFormat.ANTHROPIC, (Map<String, String>) v.get(13));
    }

    /** Arbitraries of different types for {@link Combinators#combine(List)}, which wants one type. */
    private static List<Arbitrary<Object>> objects(Arbitrary<?>... arbitraries) {
        List<Arbitrary<Object>> out = new ArrayList<>();
        for (Arbitrary<?> a : arbitraries) {
            out.add(a.map(x -> (Object) x));
        }
        return out;
    }

    static Arbitrary<Usage> usage() {
        return Combinators.combine(Arbitraries.longs().between(0, 100000), Arbitraries.longs().between(0, 50000),
                Arbitraries.longs().between(0, 50000), Arbitraries.longs().between(0, 8000), Arbitraries.longs().between(0, 8000))
                .as((uncached, read, write, out, thinking) -> new Usage(uncached + read + write, out + thinking, read, write,
                        thinking, false));
    }

    static Arbitrary<ChatResponse> responses() {
        Arbitrary<Part> part = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(10).map(Part.Text::new),
                Combinators.combine(text(), word()).as(Part.Thinking::new),
                word().map(Part.RedactedThinking::new),
                Combinators.combine(word(), word(), jsonObject()).as((id, name, args) -> new Part.ToolCall(id, name, args, null)));
        Arbitrary<Choice> choice = Combinators.combine(part.list().ofMaxSize(4), Arbitraries.of(REPRESENTABLE_STOPS),
                text().injectNull(0.6)).as((parts, stop, seq) -> new Choice(0, parts, stop, seq));
        return Combinators.combine(word(), word(), choice, usage())
                .as((id, model, c, u) -> new ChatResponse(id, model, Fixtures.CLOCK.instant().getEpochSecond(), List.of(c), u));
    }

    /** A well-formed stream whose blocks follow one another, as the Anthropic decoder emits them. */
    static Arbitrary<List<StreamEvent>> streams() {
        Arbitrary<List<Integer>> kinds = Arbitraries.integers().between(0, BlockKind.values().length - 1).list().ofMaxSize(5);
        Arbitrary<List<String>> fragments = Arbitraries.strings().ofMaxLength(8).list().ofMaxSize(3);
        Arbitrary<List<List<String>>> perBlock = fragments.list().ofSize(5);
        Arbitrary<Usage> startUsage = usage().map(u -> new Usage(u.input(), u.output() - u.reasoning(), u.cacheRead(),
                u.cacheWrite(), 0, false));
        return Combinators.combine(objects(word(), word(), startUsage, kinds, perBlock, word().list().ofSize(5),
                Arbitraries.of(REPRESENTABLE_STOPS), text().injectNull(0.7), usage())).as(AnthropicArbitraries::stream);
    }

    @SuppressWarnings("unchecked")
    private static List<StreamEvent> stream(List<Object> v) {
        List<StreamEvent> out = new ArrayList<>();
        out.add(new StreamEvent.Start((String) v.get(0), (String) v.get(1), Fixtures.CLOCK.instant().getEpochSecond(),
                (Usage) v.get(2)));
        List<Integer> kinds = (List<Integer>) v.get(3);
        List<List<String>> fragments = (List<List<String>>) v.get(4);
        List<String> words = (List<String>) v.get(5);
        for (int i = 0; i < kinds.size(); i++) {
            int index = i;
            List<String> frags = fragments.get(i);
            switch (BlockKind.values()[kinds.get(i)]) {
                case TEXT -> {
                    out.add(StreamEvent.BlockStart.text(i));
                    frags.forEach(f -> out.add(new StreamEvent.TextDelta(index, f)));
                }
                case TOOL_CALL -> {
                    out.add(StreamEvent.BlockStart.toolCall(i, "toolu_" + words.get(i), words.get(i)));
                    frags.forEach(f -> out.add(new StreamEvent.ToolArgsDelta(index, f)));
                }
                case THINKING -> {
                    out.add(StreamEvent.BlockStart.thinking(i));
                    frags.forEach(f -> out.add(new StreamEvent.ThinkingDelta(index, f)));
                    out.add(new StreamEvent.SignatureDelta(index, words.get(i)));
                }
                case REDACTED_THINKING -> out.add(new StreamEvent.BlockStart(i, BlockKind.REDACTED_THINKING, null, null,
                        words.get(i), null));
            }
            out.add(new StreamEvent.BlockStop(i));
        }
        out.add(new StreamEvent.Finish((StopReason) v.get(6), (String) v.get(7), (Usage) v.get(8)));
        return out;
    }
}
