package dev.switchboard.format.gemini;

import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.ProviderTool;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Canonical requests and answers restricted to what Gemini can represent, so a
 * round trip through the Gemini format must give them back unchanged. The restrictions are the
 * codec's documented normalisations: ids are explicit, texts are non-empty, adjacent messages have
 * different roles, tool results name their call, stop reasons agree with the parts.
 */
final class GeminiArbitraries {
    private GeminiArbitraries() {}

    static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    }

    /** Any non-empty text, unicode, quotes and newlines included. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(30)
                        .filter(s -> s.codePoints().allMatch(cp -> Character.isDefined(cp)
                                && Character.getType(cp) != Character.SURROGATE)),
                Arbitraries.of("Hello, \"world\"!\n", "naïve café ☕", "{not json", "line1\r\nline2", "\t<tag/>"));
    }

    static Arbitrary<String> signature() {
        return Arbitraries.strings().withCharRange('A', 'Z').withChars('+', '/', '=').ofMinLength(4).ofMaxLength(24);
    }

    static Arbitrary<String> argsJson() {
        return Arbitraries.maps(word(), Arbitraries.oneOf(word().map(w -> "\"" + w + "\""),
                Arbitraries.integers().between(-1000, 1000).map(String::valueOf), Arbitraries.of("true", "null", "[1,2]")))
                .ofMaxSize(3)
                .map(m -> {
                    StringBuilder sb = new StringBuilder("{");
                    new LinkedHashMap<>(m).forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
                            .append('"').append(k).append("\":").append(v));
                    return sb.append('}').toString();
                });
    }

    static Arbitrary<Usage> usage() {
        return Combinators.combine(Arbitraries.longs().between(0, 100_000), Arbitraries.longs().between(0, 50_000),
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100))
                .as((input, output, cachedPct, reasoningPct) -> new Usage(input, output, input * cachedPct / 100, 0,
                        output * reasoningPct / 100, false));
    }

    // ---- requests

    private static Arbitrary<Part> userPart() {
        return Arbitraries.oneOf(
                text().map(Part.Text::new),
                word().map(w -> new Part.Image(null, w + "AAAA", "image/png")),
                word().map(w -> new Part.Image("https://files.example/" + w + ".jpg", null, "image/jpeg")),
                word().map(w -> new Part.Audio(w + "AAAA", "wav")),
                word().map(w -> new Part.Document(null, w + "AAAA", "application/pdf", null)),
                word().map(w -> new Part.Document("https://files.example/" + w, null, "application/pdf", null)));
    }

    /** Assistant parts before ids are assigned: ToolCall ids are filled in by {@link #conversation}. */
    private static Arbitrary<Part> assistantPart() {
        return Arbitraries.oneOf(
                text().map(Part.Text::new),
                Combinators.combine(text(), signature().injectNull(0.5)).as(Part.Thinking::new),
                Combinators.combine(word(), argsJson(), signature().injectNull(0.5))
                        .as((name, args, sig) -> new Part.ToolCall("pending", name, args, sig)));
    }

    private record Exchange(List<Part> user, List<Part> assistant, List<Boolean> errors, List<String> results) {}

    private static Arbitrary<Exchange> exchange() {
        return Combinators.combine(userPart().list().ofMinSize(1).ofMaxSize(3), assistantPart().list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false).list().ofSize(4), word().map(w -> "result " + w).injectNull(0.2).list().ofSize(4))
                .as(Exchange::new);
    }

    /** User, assistant and (when the assistant called tools) tool turns, with unique call ids. */
    static Arbitrary<List<Message>> conversation() {
        return exchange().list().ofMinSize(1).ofMaxSize(3).map(exchanges -> {
            List<Message> out = new ArrayList<>();
            int n = 0;
            for (Exchange x : exchanges) {
                out.add(new Message(Role.USER, x.user()));
                List<Part> assistant = new ArrayList<>();
                List<Part> results = new ArrayList<>();
                for (Part p : x.assistant()) {
                    if (p instanceof Part.ToolCall c) {
                        String id = "call-" + n++;
                        assistant.add(new Part.ToolCall(id, c.name(), c.argsJson(), c.signature()));
                        int k = results.size() % 4;
                        String result = x.results().get(k);
                        results.add(new Part.ToolResult(id, c.name(), result == null ? List.of() : List.of(new Part.Text(result)),
                                x.errors().get(k)));
                    } else {
                        assistant.add(p);
                    }
                }
                out.add(new Message(Role.ASSISTANT, assistant));
                if (!results.isEmpty()) {
                    out.add(new Message(Role.TOOL, results));
                }
            }
            return out;
        });
    }

    static Arbitrary<Reasoning> reasoning() {
        Arbitrary<Boolean> include = Arbitraries.of(true, false).injectNull(0.4);
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                include.map(i -> new Reasoning(false, null, 0, i)),
                Combinators.combine(Arbitraries.integers().between(1, GeminiThinking.MAX_BUDGET), include)
                        .as((b, i) -> new Reasoning(true, null, b, i)),
                Combinators.combine(Arbitraries.of("minimal", "low", "medium", "high"), include)
                        .as((e, i) -> new Reasoning(true, e, null, i)),
                include.map(i -> new Reasoning(true, null, null, i)));
    }

    static Arbitrary<ChatRequest> request() {
        Arbitrary<List<ToolDef>> tools = Combinators.combine(word(), text().injectNull(0.3),
                Arbitraries.of("{\"type\":\"object\"}", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
                        + "\"required\":[\"a\"]}").injectNull(0.2))
                .as((n, d, p) -> new ToolDef(n, d, p, null))
                .list().ofMaxSize(3).uniqueElements(ToolDef::name);
        Arbitrary<Sampling> sampling = Combinators.combine(
                Arbitraries.of(0.0, 0.5, 1.3, 2.0).injectNull(0.5), Arbitraries.of(0.1, 0.95, 1.0).injectNull(0.5),
                Arbitraries.integers().between(1, 100).injectNull(0.5), Arbitraries.longs().between(-5000, 5000).injectNull(0.5),
                Arbitraries.of(1, 2, 4).injectNull(0.6), Arbitraries.of(-1.5, 0.5).injectNull(0.6),
                Arbitraries.of(-0.25, 1.75).injectNull(0.6))
                .as(Sampling::new);
        Arbitrary<ResponseFormat> format = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.just(new ResponseFormat.Text()),
                Arbitraries.just(new ResponseFormat.JsonObject()),
                Arbitraries.just(new ResponseFormat.JsonSchema(null, "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", null)));
        Arbitrary<Map<String, String>> extras = Arbitraries.subsetOf(
                        "safetySettings=[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]",
                        "cachedContent=\"cachedContents/c1\"", "generationConfig.responseModalities=[\"TEXT\"]",
                        "toolConfig.retrievalConfig={\"languageCode\":\"en\"}")
                .map(set -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    set.forEach(s -> m.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1)));
                    return m;
                });
        Arbitrary<List<String>> stop = text().list().ofMaxSize(GeminiGeneration.MAX_STOP_SEQUENCES);
        return Combinators.combine(word(), text().map(Part.Text::new).map(Part.class::cast).list().ofMaxSize(2),
                        conversation(), tools, Arbitraries.integers().between(0, 4), sampling,
                        Arbitraries.integers().between(1, 8192).injectNull(0.5), stop)
                .flatAs((model, system, messages, toolDefs, choiceKind, s, max, stops) -> Combinators.combine(
                                reasoning(), format, Arbitraries.of(true, false), extras, builtInTools(toolDefs))
                        .as((reasoning, f, stream, x, builtIn) -> new ChatRequest(model, system, messages, toolDefs,
                                choice(toolDefs, choiceKind), null, s, max, stops, reasoning, f,
                                stream && (s.n() == null || s.n() == 1), true, null, ClientFormat.GEMINI, x, builtIn)));
    }

    /** Built-in tools, each a Tool of its own after the one holding the function declarations (if any). */
    private static Arbitrary<List<ProviderTool>> builtInTools(List<ToolDef> functions) {
        int first = functions.isEmpty() ? 0 : 1;
        return Arbitraries.subsetOf("googleSearch={}", "codeExecution={}", "urlContext={}",
                        "googleSearchRetrieval={\"dynamicRetrievalConfig\":{\"mode\":\"MODE_DYNAMIC\"}}")
                .map(set -> {
                    List<ProviderTool> out = new ArrayList<>();
                    set.stream().sorted().forEach(t -> {
                        String kind = t.substring(0, t.indexOf('='));
                        out.add(new ProviderTool("tools[" + (first + out.size()) + "]." + kind, kind,
                                t.substring(t.indexOf('=') + 1)));
                    });
                    return out;
                });
    }

    private static ToolChoice choice(List<ToolDef> tools, int kind) {
        if (tools.isEmpty()) {
            return null;
        }
        return switch (kind) {
            case 1 -> new ToolChoice.Auto();
            case 2 -> new ToolChoice.None();
            case 3 -> new ToolChoice.Required();
            case 4 -> new ToolChoice.Named(tools.get(0).name());
            default -> null;
        };
    }

    // ---- answers

    private static StopReason stopFor(List<Part> parts, StopReason drawn) {
        boolean calls = parts.stream().anyMatch(p -> p instanceof Part.ToolCall);
        if (drawn == StopReason.END_TURN || drawn == StopReason.TOOL_USE) {
            return calls ? StopReason.TOOL_USE : StopReason.END_TURN;
        }
        return drawn;
    }

    static Arbitrary<ChatResponse> response() {
        Arbitrary<List<Part>> parts = assistantPart().list().ofMaxSize(4).map(ps -> {
            List<Part> out = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                out.add(ps.get(i) instanceof Part.ToolCall c ? new Part.ToolCall("c" + i, c.name(), c.argsJson(), c.signature())
                        : ps.get(i));
            }
            return out;
        });
        Arbitrary<StopReason> stops = Arbitraries.of(StopReason.END_TURN, StopReason.TOOL_USE, StopReason.MAX_TOKENS,
                StopReason.CONTENT_FILTER, StopReason.ERROR);
        Arbitrary<List<Choice>> choices = Combinators.combine(parts, stops).as((p, s) -> new Choice(0, p, stopFor(p, s), null))
                .list().ofMaxSize(3).map(cs -> {
                    List<Choice> out = new ArrayList<>();
                    for (int i = 0; i < cs.size(); i++) {
                        out.add(new Choice(i, cs.get(i).parts(), cs.get(i).stopReason(), null));
                    }
                    return out;
                });
        return Combinators.combine(word(), word(), choices, usage())
                .as((id, model, cs, u) -> new ChatResponse(id, model, GeminiFixtures.NOW.getEpochSecond(), cs, u));
    }
}
