package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeContent.object;
import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.COMPLETION_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.REASONING_TOKENS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Responses answers of the fake, modelled on the API reference: a {@code message} item with the
 * text (cut by a tiny {@code max_output_tokens}, which leaves the response {@code incomplete}), a
 * {@code function_call} item when tools are offered and no {@code function_call_output} came back yet,
 * and, when the request asks for a reasoning summary, a {@code reasoning} item first (with
 * {@code encrypted_content} when {@code include} asks for it). Streamed, a text answer is
 * {@code response.created}, one {@code response.output_text.delta} and {@code response.completed}; a
 * call streams its item with its arguments in two fragments.
 */
final class ResponsesAnswers {
    static final String ID = "resp_fake";
    static final String CALL_ID = "call_fake_1";

    private ResponsesAnswers() {}

    /** What one answer holds. */
    private record Plan(ObjectNode reasoning, ObjectNode call, FakeContent.Cut text) {
        boolean incomplete() {
            return text != null && text.stop() == FakeContent.Stop.MAX_TOKENS;
        }
    }

    private static Plan plan(JsonNode request) {
        ObjectNode reasoning = null;
        if (request.path("reasoning").hasNonNull("summary")) {
            reasoning = object().put("id", "rs_fake").put("type", "reasoning");
            reasoning.putArray("summary").addObject().put("type", "summary_text").put("text", FakeContent.THINKING);
            for (JsonNode inc : request.path("include")) {
                if (inc.asText().equals("reasoning.encrypted_content")) {
                    reasoning.put("encrypted_content", FakeContent.sign("responses", FakeContent.THINKING));
                }
            }
        }
        if (wantsCall(request)) {
            ObjectNode call = object().put("id", "fc_fake").put("type", "function_call").put("status", "completed")
                    .put("arguments", FakeContent.TOOL_ARGS).put("call_id", CALL_ID)
                    .put("name", request.path("tools").path(0).path("name").asText("get_weather"));
            return new Plan(reasoning, call, null);
        }
        return new Plan(reasoning, null, FakeContent.cut(List.of(), request.path("max_output_tokens").asLong(0)));
    }

    private static boolean wantsCall(JsonNode request) {
        if (request.path("tools").isEmpty() || "none".equals(request.path("tool_choice").asText())) {
            return false;
        }
        for (JsonNode item : request.path("input")) {
            if ("function_call_output".equals(item.path("type").asText())) {
                return false;
            }
        }
        return true;
    }

    static String response(JsonNode request) {
        Plan plan = plan(request);
        return envelope(request, plan.incomplete() ? "incomplete" : "completed", output(plan)).toString();
    }

    static List<String> stream(JsonNode request) {
        Plan plan = plan(request);
        List<String> events = new ArrayList<>();
        int[] seq = {0};
        java.util.function.BiFunction<String, ObjectNode, String> ev = (type, e) -> {
            e.put("type", type);
            e.put("sequence_number", seq[0]++);
            return "event: " + type + "\ndata: " + e + "\n\n";
        };
        events.add(ev.apply("response.created", object().set("response", envelope(request, "in_progress", null))));
        int index = 0;
        if (plan.reasoning() != null) {
            events.add(ev.apply("response.output_item.added", object().put("output_index", index).set("item", plan.reasoning())));
            events.add(ev.apply("response.output_item.done", object().put("output_index", index).set("item", plan.reasoning())));
            index++;
        }
        if (plan.call() != null) {
            ObjectNode added = plan.call().deepCopy().put("status", "in_progress").put("arguments", "");
            events.add(ev.apply("response.output_item.added", object().put("output_index", index).set("item", added)));
            for (String fragment : FakeContent.TOOL_ARG_FRAGMENTS) {
                events.add(ev.apply("response.function_call_arguments.delta", object().put("item_id", "fc_fake")
                        .put("output_index", index).put("delta", fragment)));
            }
            events.add(ev.apply("response.function_call_arguments.done", object().put("item_id", "fc_fake")
                    .put("name", plan.call().path("name").asText()).put("output_index", index)
                    .put("arguments", FakeContent.TOOL_ARGS)));
            events.add(ev.apply("response.output_item.done", object().put("output_index", index).set("item", plan.call())));
        } else {
            events.add(ev.apply("response.output_text.delta", object().put("item_id", "msg_fake").put("output_index", index)
                    .put("content_index", 0).put("delta", plan.text().text())));
        }
        String status = plan.incomplete() ? "incomplete" : "completed";
        events.add(ev.apply("response." + status, object().set("response", envelope(request, status, output(plan)))));
        return events;
    }

    private static ArrayNode output(Plan plan) {
        ArrayNode output = FakeUpstream.JSON.createArrayNode();
        if (plan.reasoning() != null) {
            output.add(plan.reasoning());
        }
        if (plan.call() != null) {
            output.add(plan.call());
        } else {
            ObjectNode msg = output.addObject();
            msg.put("type", "message").put("id", "msg_fake").put("status", plan.incomplete() ? "incomplete" : "completed")
                    .put("role", "assistant");
            msg.putArray("content").addObject().put("type", "output_text").put("text", plan.text().text()).putArray("annotations");
        }
        return output;
    }

    /** The response object; {@code output} null while in progress (no output and no usage yet). */
    private static ObjectNode envelope(JsonNode request, String status, ArrayNode output) {
        ObjectNode r = object();
        r.put("id", ID);
        r.put("object", "response");
        r.put("created_at", 1_741_476_542L);
        r.put("status", status);
        r.putNull("error");
        if (status.equals("incomplete")) {
            r.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            r.putNull("incomplete_details");
        }
        r.set("instructions", request.path("instructions").isTextual() ? request.get("instructions") : null);
        r.put("model", request.path("model").asText());
        if (output == null) {
            r.putArray("output");
            r.putNull("usage");
        } else {
            r.set("output", output);
            ObjectNode u = r.putObject("usage");
            u.put("input_tokens", PROMPT_TOKENS);
            u.putObject("input_tokens_details").put("cached_tokens", CACHED_TOKENS);
            u.put("output_tokens", COMPLETION_TOKENS);
            u.putObject("output_tokens_details").put("reasoning_tokens", REASONING_TOKENS);
            u.put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        }
        r.put("parallel_tool_calls", true);
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : FakeUpstream.JSON.createArrayNode());
        r.put("tool_choice", "auto");
        return r;
    }
}
