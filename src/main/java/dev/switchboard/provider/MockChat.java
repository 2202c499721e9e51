package dev.switchboard.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.sse.SseWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The mock's Chat Completions answer, whole or as a chunk stream shaped like OpenAI's. */
final class MockChat {
    private final String model;
    private final String reply;
    private final long promptTokens;
    private final long created;
    private final String id = MockAnswers.newId("chatcmpl-mock");

    MockChat(String model, String userText, long promptTokens, long created) {
        this.model = model;
        this.reply = MockAnswers.reply(userText);
        this.promptTokens = promptTokens;
        this.created = created;
    }

    MockAnswers.Answer answer(boolean stream, boolean includeUsage) {
        List<String> words = MockAnswers.words(reply);
        if (!stream) {
            ObjectNode root = base("chat.completion");
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", reply);
            choice.put("finish_reason", "stop");
            usage(root, words.size());
            return MockAnswers.json(root);
        }
        List<byte[]> events = new ArrayList<>();
        events.add(chunk(delta -> delta.put("role", "assistant").put("content", ""), null));
        for (String w : words) {
            events.add(chunk(delta -> delta.put("content", w), null));
        }
        events.add(chunk(delta -> { }, "stop"));
        if (includeUsage) {
            ObjectNode root = base("chat.completion.chunk");
            root.putArray("choices");
            usage(root, words.size());
            events.add(SseWriter.data(root.toString()));
        }
        events.add("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
        return MockAnswers.sse(events);
    }

    private byte[] chunk(java.util.function.Consumer<ObjectNode> delta, String finish) {
        ObjectNode root = base("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return SseWriter.data(root.toString());
    }

    private ObjectNode base(String object) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    private void usage(ObjectNode root, long completion) {
        ObjectNode u = root.putObject("usage");
        u.put("prompt_tokens", promptTokens);
        u.put("completion_tokens", completion);
        u.put("total_tokens", promptTokens + completion);
    }
}
