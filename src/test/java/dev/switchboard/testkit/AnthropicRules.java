package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Anthropic Messages API rejects with 400 {@code invalid_request_error}, with the messages it
 * uses (taken from the API's error responses as users reported them). Checks run in the order the API
 * reports them: unknown and missing fields first, then the conversation's shape, tools and thinking.
 * The tool and thinking rules live in {@link AnthropicTurnRules}.
 */
final class AnthropicRules {
    private static final Set<String> CREATE_FIELDS = Set.of("model", "messages", "max_tokens", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking",
            "service_tier", "container", "output_config", "cache_control", "inference_geo", "speed", "diagnostics");
    private static final Set<String> COUNT_FIELDS = Set.of("model", "messages", "system", "tools", "tool_choice",
            "thinking", "output_config", "cache_control", "speed");
    /** Accepted only with an {@code anthropic-beta} header, as the beta features they belong to. */
    private static final Set<String> BETA_FIELDS = Set.of("mcp_servers", "context_management", "output_format");
    static final Set<String> BLOCK_TYPES = Set.of("text", "image", "document", "search_result", "tool_use",
            "tool_result", "thinking", "redacted_thinking", "server_tool_use", "web_search_tool_result");
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final Set<String> THINKING_TYPES = Set.of("enabled", "disabled", "adaptive");
    private static final Set<String> TOOL_CHOICES = Set.of("auto", "any", "tool", "none");

    private AnthropicRules() {}

    /** The message of the first rule {@code request} breaks, if any. */
    static Optional<String> check(JsonNode request, boolean countTokens, boolean beta) {
        List<String> problems = new ArrayList<>();
        fields(request, countTokens ? COUNT_FIELDS : CREATE_FIELDS, beta, problems);
        required(request, "model", problems);
        if (!countTokens) {
            required(request, "max_tokens", problems);
        }
        required(request, "messages", problems);
        if (!problems.isEmpty()) {
            return Optional.of(problems.getFirst());
        }
        return messages(request.path("messages"))
                .or(() -> sampling(request))
                .or(() -> thinking(request, countTokens))
                .or(() -> tools(request))
                .or(() -> AnthropicTurnRules.check(request.path("messages"), thinkingOn(request)));
    }

    /** Whether thinking is on: {@code enabled} with a budget, or {@code adaptive}. */
    static boolean thinkingOn(JsonNode request) {
        String type = request.path("thinking").path("type").asText("");
        return type.equals("enabled") || type.equals("adaptive");
    }

    private static void fields(JsonNode request, Set<String> known, boolean beta, List<String> problems) {
        for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name) && !(beta && BETA_FIELDS.contains(name))) {
                problems.add(name + ": Extra inputs are not permitted");
            }
        }
    }

    private static void required(JsonNode request, String field, List<String> problems) {
        if (!request.hasNonNull(field)) {
            problems.add(field + ": Field required");
        }
    }

    private static Optional<String> messages(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            return Optional.of("messages: at least one message is required");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (role.equals("system")) {
                return Optional.of("messages: Unexpected role \"system\". The Messages API accepts a top-level `system`"
                        + " parameter, not \"system\" as an input message role.");
            }
            if (!role.equals("user") && !role.equals("assistant")) {
                return Optional.of("messages." + i + ".role: Input should be 'user' or 'assistant'");
            }
            Optional<String> content = content(m.path("content"), i, i == messages.size() - 1 && role.equals("assistant"));
            if (content.isPresent()) {
                return content;
            }
        }
        if (!messages.get(0).path("role").asText().equals("user")) {
            return Optional.of("messages: first message must use the \"user\" role");
        }
        return Optional.empty();
    }

    private static Optional<String> content(JsonNode content, int i, boolean finalAssistant) {
        boolean empty = content.isTextual() ? content.asText().isEmpty() : !content.isArray() || content.isEmpty();
        if (empty && !finalAssistant) {
            return Optional.of("messages." + i + ": all messages must have non-empty content except for the optional"
                    + " final assistant message");
        }
        for (int j = 0; content.isArray() && j < content.size(); j++) {
            JsonNode block = content.get(j);
            String at = "messages." + i + ".content." + j;
            String type = block.path("type").asText("");
            if (!BLOCK_TYPES.contains(type)) {
                return tagMismatch(at + ".type", type, BLOCK_TYPES);
            }
            if (type.equals("text") && block.path("text").asText("").isEmpty()) {
                return Optional.of("messages: text content blocks must be non-empty");
            }
            if (type.equals("image")) {
                Optional<String> image = image(block.path("source"), at);
                if (image.isPresent()) {
                    return image;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> image(JsonNode source, String at) {
        return switch (source.path("type").asText("")) {
            case "base64" -> !IMAGE_TYPES.contains(source.path("media_type").asText(""))
                    ? Optional.of(at + ".image.source.base64.media_type: Input should be 'image/jpeg', 'image/png',"
                            + " 'image/gif' or 'image/webp'")
                    : source.hasNonNull("data") ? Optional.empty()
                    : Optional.of(at + ".image.source.base64.data: Field required");
            case "url" -> source.hasNonNull("url") ? Optional.empty() : Optional.of(at + ".image.source.url.url: Field required");
            case "file" -> Optional.empty();
            default -> tagMismatch(at + ".image.source", source.path("type").asText(""), Set.of("base64", "file", "url"));
        };
    }

    /** For an optional field whose {@code type} picks a variant: the problem when it names none of {@code allowed}. */
    private static Optional<String> variant(JsonNode field, String at, Set<String> allowed) {
        if (field.isMissingNode() || field.isNull() || allowed.contains(field.path("type").asText(""))) {
            return Optional.empty();
        }
        return tagMismatch(at, field.path("type").asText(""), allowed);
    }

    /** The API's message for a {@code type} that names none of the variants the field allows. */
    private static Optional<String> tagMismatch(String at, String type, Set<String> expected) {
        return Optional.of(at + ": Input tag '" + type + "' found using 'type' does not match any of the expected tags: "
                + String.join(", ", expected.stream().sorted().map(t -> "'" + t + "'").toList()));
    }

    private static Optional<String> sampling(JsonNode request) {
        JsonNode t = request.path("temperature");
        if (t.isNumber() && (t.asDouble() < 0 || t.asDouble() > 1)) {
            return Optional.of("temperature: range: 0..1");
        }
        if (thinkingOn(request) && t.isNumber() && t.asDouble() != 1) {
            return Optional.of("`temperature` may only be set to 1 when thinking is enabled. Please consult our"
                    + " documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
                    + "#important-considerations-when-using-extended-thinking");
        }
        return Optional.empty();
    }

    private static Optional<String> thinking(JsonNode request, boolean countTokens) {
        JsonNode thinking = request.path("thinking");
        Optional<String> variant = variant(thinking, "thinking", THINKING_TYPES);
        if (variant.isPresent() || !thinking.path("type").asText("").equals("enabled")) {
            return variant;
        }
        JsonNode budget = thinking.path("budget_tokens");
        if (!budget.isIntegralNumber()) {
            return Optional.of("thinking.enabled.budget_tokens: Field required");
        }
        if (budget.asLong() < 1024) {
            return Optional.of("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
        }
        if (!countTokens && budget.asLong() >= request.path("max_tokens").asLong()) {
            return Optional.of("`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our"
                    + " documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking"
                    + "#max-tokens-and-context-window-size");
        }
        return Optional.empty();
    }

    private static Optional<String> tools(JsonNode request) {
        Set<String> names = new HashSet<>();
        JsonNode tools = request.path("tools");
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            if (tool.has("type") && !tool.path("type").asText().equals("custom")) {
                continue; // a server tool (web search …): its own shape, not checked here
            }
            if (!tool.hasNonNull("name")) {
                return Optional.of("tools." + i + ".custom.name: Field required");
            }
            if (!tool.hasNonNull("input_schema")) {
                return Optional.of("tools." + i + ".custom.input_schema: Field required");
            }
            if (!names.add(tool.path("name").asText())) {
                return Optional.of("tools: Tool names must be unique.");
            }
        }
        JsonNode choice = request.path("tool_choice");
        Optional<String> variant = variant(choice, "tool_choice", TOOL_CHOICES);
        if (variant.isPresent() || choice.isMissingNode() || choice.isNull()) {
            return variant;
        }
        String type = choice.path("type").asText("");
        if (type.equals("tool") && !choice.hasNonNull("name")) {
            return Optional.of("tool_choice.tool.name: Field required");
        }
        if (thinkingOn(request) && (type.equals("any") || type.equals("tool"))) {
            return Optional.of("Thinking may not be enabled when tool_choice forces tool use.");
        }
        return Optional.empty();
    }
}
