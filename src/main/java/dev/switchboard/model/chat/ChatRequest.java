package dev.switchboard.model.chat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat request in no particular format. {@code extras} holds the top-level fields of the source
 * format that have no canonical slot (name → raw JSON), tagged with {@code source} so an encoder of
 * the same family can put them back and any other encoder can list them as dropped. {@code providerTools}
 * are the source format's own tools (web search, code execution …): an encoder of that format puts them
 * back, any other refuses the request, since they cannot be dropped without changing the answer.
 */
public record ChatRequest(
        String model,
        List<Part> system,
        List<Message> messages,
        List<ToolDef> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        Sampling sampling,
        Integer maxTokens,
        List<String> stop,
        Reasoning reasoning,
        ResponseFormat responseFormat,
        boolean stream,
        boolean includeUsage,
        String user,
        ClientFormat source,
        Map<String, String> extras,
        List<ProviderTool> providerTools) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        sampling = sampling == null ? Sampling.NONE : sampling;
        stop = List.copyOf(stop);
        extras = Map.copyOf(extras);
        providerTools = List.copyOf(providerTools);
    }

    /** A request without provider tools. */
    public ChatRequest(String model, List<Part> system, List<Message> messages, List<ToolDef> tools,
            ToolChoice toolChoice, Boolean parallelToolCalls, Sampling sampling, Integer maxTokens, List<String> stop,
            Reasoning reasoning, ResponseFormat responseFormat, boolean stream, boolean includeUsage, String user,
            ClientFormat source, Map<String, String> extras) {
        this(model, system, messages, tools, toolChoice, parallelToolCalls, sampling, maxTokens, stop, reasoning,
                responseFormat, stream, includeUsage, user, source, extras, List.of());
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, system, messages, tools, toolChoice, parallelToolCalls, sampling, maxTokens,
                stop, reasoning, responseFormat, stream, includeUsage, user, source, extras, providerTools);
    }

    /** The same request for an upstream: {@code upstreamModel}, and stream usage asked for whenever it streams. */
    public ChatRequest forUpstream(String upstreamModel) {
        return new ChatRequest(upstreamModel, system, messages, tools, toolChoice, parallelToolCalls, sampling, maxTokens,
                stop, reasoning, responseFormat, stream, stream, user, source, extras, providerTools);
    }

    /** Text of the system parts joined by blank lines, for formats that take one string. */
    public String systemText() {
        StringBuilder sb = new StringBuilder();
        for (Part p : system) {
            if (p instanceof Part.Text t) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
