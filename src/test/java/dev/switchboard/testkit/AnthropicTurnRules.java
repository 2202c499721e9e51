package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Anthropic rules that span turns: tool_use ids are unique, every tool_result answers a tool_use of
 * the turn just before it and every tool_use gets its result in the next turn, thinking blocks carry a
 * signature this fake issued, and with thinking on the assistant turn before the last tool results
 * starts with its thinking. Consecutive messages of one role form one turn, as the API merges them.
 */
final class AnthropicTurnRules {
    private AnthropicTurnRules() {}

    /** A content block with its position in the request, for the error paths. */
    private record Block(int message, int index, JsonNode node) {
        String type() {
            return node.path("type").asText("");
        }

        String at() {
            return "messages." + message + ".content." + index;
        }
    }

    private record Turn(String role, int firstMessage, List<Block> blocks) {
        List<Block> ofType(String type) {
            return blocks.stream().filter(b -> b.type().equals(type)).toList();
        }
    }

    static Optional<String> check(JsonNode messages, boolean thinkingOn) {
        List<Turn> turns = turns(messages);
        return uniqueToolUseIds(turns)
                .or(() -> results(turns))
                .or(() -> signatures(turns))
                .or(() -> thinkingFirst(turns, thinkingOn));
    }

    private static List<Turn> turns(JsonNode messages) {
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (turns.isEmpty() || !turns.getLast().role().equals(role)) {
                turns.add(new Turn(role, i, new ArrayList<>()));
            }
            JsonNode content = m.path("content");
            for (int j = 0; content.isArray() && j < content.size(); j++) {
                turns.getLast().blocks().add(new Block(i, j, content.get(j)));
            }
        }
        return turns;
    }

    private static Optional<String> uniqueToolUseIds(List<Turn> turns) {
        Set<String> seen = new HashSet<>();
        for (Turn t : turns) {
            for (Block b : t.ofType("tool_use")) {
                if (!seen.add(b.node().path("id").asText())) {
                    return Optional.of(b.at() + ": `tool_use` ids must be unique");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> results(List<Turn> turns) {
        for (int k = 0; k < turns.size(); k++) {
            Turn turn = turns.get(k);
            Set<String> called = new HashSet<>();
            if (k > 0 && turns.get(k - 1).role().equals("assistant")) {
                turns.get(k - 1).ofType("tool_use").forEach(b -> called.add(b.node().path("id").asText()));
            }
            Set<String> answered = new HashSet<>();
            for (Block b : turn.ofType("tool_result")) {
                String id = b.node().path("tool_use_id").asText();
                if (!turn.role().equals("user") || !called.contains(id)) {
                    return Optional.of(b.at() + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                            + ". Each `tool_result` block must have a corresponding `tool_use` block in the previous"
                            + " message.");
                }
                answered.add(id);
            }
            if (turn.role().equals("assistant") && k + 1 < turns.size()) {
                Set<String> open = new LinkedHashSet<>();
                turn.ofType("tool_use").forEach(b -> open.add(b.node().path("id").asText()));
                turns.get(k + 1).ofType("tool_result").forEach(b -> open.remove(b.node().path("tool_use_id").asText()));
                if (!open.isEmpty()) {
                    return Optional.of("messages." + turn.blocks().getFirst().message() + ": `tool_use` ids were found"
                            + " without `tool_result` blocks immediately after: " + String.join(", ", open)
                            + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> signatures(List<Turn> turns) {
        for (Turn t : turns) {
            for (Block b : t.blocks()) {
                if (b.type().equals("thinking")) {
                    if (!b.node().has("signature")) {
                        return Optional.of(b.at() + ".thinking.signature: Field required");
                    }
                    if (!FakeContent.verify("thinking", b.node().path("thinking").asText(null),
                            b.node().path("signature").asText(null))) {
                        return Optional.of(b.at() + ": Invalid `signature` in `thinking` block");
                    }
                } else if (b.type().equals("redacted_thinking")
                        && !AnthropicAnswers.REDACTED_DATA.equals(b.node().path("data").asText())) {
                    return Optional.of(b.at() + ": Invalid `data` in `redacted_thinking` block");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * With thinking on, when the request ends in tool results, the assistant turn that called the tools
     * must start with a thinking block (the API needs the reasoning that led to the calls).
     */
    private static Optional<String> thinkingFirst(List<Turn> turns, boolean thinkingOn) {
        if (!thinkingOn || turns.size() < 2) {
            return Optional.empty();
        }
        Turn last = turns.getLast();
        Turn caller = turns.get(turns.size() - 2);
        if (!last.role().equals("user") || last.ofType("tool_result").isEmpty() || caller.ofType("tool_use").isEmpty()) {
            return Optional.empty();
        }
        Block first = caller.blocks().getFirst();
        if (first.type().equals("thinking") || first.type().equals("redacted_thinking")) {
            return Optional.empty();
        }
        return Optional.of(first.at() + ".type: Expected `thinking` or `redacted_thinking`, but found `" + first.type()
                + "`. When `thinking` is enabled, a final `assistant` message must start with a thinking block"
                + " (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include"
                + " thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult"
                + " our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking");
    }
}
