package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Gemini {@code parts} into canonical parts. A {@code thoughtSignature} rides on the part it
 * came with: on a function call it becomes {@link Part.ToolCall#signature()}, on a thought its
 * {@link Part.Thinking#signature()}, and on any other part a signature-only {@link Part.Thinking}
 * right after it, so clients of every format carry it back and the Gemini encoder can restore it.
 */
final class GeminiPartReader {
    private final GeminiCallIds ids;
    private final boolean strict;

    /** @param strict true for client requests (unknown parts are a 400), false for upstream answers (skipped) */
    GeminiPartReader(GeminiCallIds ids, boolean strict) {
        this.ids = ids;
        this.strict = strict;
    }

    /** The parts of a model turn (request history or an answer's candidate). */
    List<Part> modelParts(List<JsonNode> parts, String path, int contentIndex) {
        ids.newModelTurn();
        List<Part> out = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String at = path + "[" + j + "]";
            refuse(part, "functionResponse", at, "a user");
            JsonNode call = GeminiJson.get(part, "functionCall");
            if (call != null) {
                out.add(toolCall(call, part, at, contentIndex + "_" + j));
            } else {
                content(part, at, out);
            }
        }
        return out;
    }

    /** A user turn: text and media become USER messages, function responses TOOL messages, in order. */
    List<Message> userMessages(List<JsonNode> parts, String path, int contentIndex) {
        List<Message> out = new ArrayList<>();
        List<Part> run = new ArrayList<>();
        Role runRole = null;
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String at = path + "[" + j + "]";
            refuse(part, "functionCall", at, "a model");
            JsonNode response = GeminiJson.get(part, "functionResponse");
            Role role = response != null ? Role.TOOL : Role.USER;
            if (runRole != null && role != runRole && !run.isEmpty()) {
                out.add(new Message(runRole, run));
                run = new ArrayList<>();
            }
            runRole = role;
            if (response != null) {
                run.add(toolResult(response, at + ".functionResponse", contentIndex + "_" + j));
            } else {
                content(part, at, run);
            }
        }
        if (!run.isEmpty()) {
            out.add(new Message(runRole, run));
        }
        return out;
    }

    private static void refuse(JsonNode part, String key, String at, String turn) {
        if (GeminiJson.has(part, key)) {
            throw GatewayError.invalid("'" + at + "." + key + "' belongs in " + turn + " turn", at);
        }
    }

    /** System instruction parts: text only, as Gemini documents. */
    static List<Part> systemParts(List<JsonNode> parts, String path) {
        List<Part> out = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            String text = GeminiJson.text(parts.get(j), "text", path + "[" + j + "].text");
            if (text == null) {
                throw GatewayError.invalid("'" + path + "[" + j + "]' must be a text part", path + "[" + j + "]");
            }
            out.add(new Part.Text(text));
        }
        return out;
    }

    private Part.ToolCall toolCall(JsonNode call, JsonNode part, String at, String position) {
        String name = GeminiJson.text(call, "name", at + ".functionCall.name");
        if (name == null || name.isEmpty()) {
            throw GatewayError.invalid("'" + at + ".functionCall.name' is required", at + ".functionCall.name");
        }
        JsonNode args = GeminiJson.get(call, "args");
        if (args != null && !args.isObject()) {
            throw GatewayError.invalid("'" + at + ".functionCall.args' must be an object", at + ".functionCall.args");
        }
        String id = ids.call(GeminiJson.text(call, "id", at + ".functionCall.id"), name, position);
        String signature = GeminiJson.text(part, "thoughtSignature", at + ".thoughtSignature");
        if (GeminiRequestEncoder.UNSIGNED_CALL.equals(signature)) {
            signature = null; // the placeholder for a call no model signed: not a signature to carry elsewhere
        }
        return new Part.ToolCall(id, name, args == null ? "{}" : GeminiJson.write(args), signature);
    }

    private Part.ToolResult toolResult(JsonNode response, String at, String position) {
        String name = GeminiJson.text(response, "name", at + ".name");
        if (name == null || name.isEmpty()) {
            throw GatewayError.invalid("'" + at + ".name' is required", at + ".name");
        }
        String id = ids.result(GeminiJson.text(response, "id", at + ".id"), name, position);
        JsonNode body = GeminiJson.get(response, "response");
        if (body != null && !body.isObject()) {
            throw GatewayError.invalid("'" + at + ".response' must be an object", at + ".response");
        }
        GeminiToolResults.Unwrapped unwrapped = GeminiToolResults.unwrap(body);
        List<Part> content = new ArrayList<>(unwrapped.content());
        List<JsonNode> media = GeminiJson.array(response, "parts", at + ".parts");
        for (int k = 0; k < media.size(); k++) {
            content(media.get(k), at + ".parts[" + k + "]", content);
        }
        return new Part.ToolResult(id, name, content, unwrapped.isError());
    }

    /** Text, thoughts, media and code parts; appends what the part holds to {@code out}. */
    private void content(JsonNode part, String at, List<Part> out) {
        if (part == null || !part.isObject()) {
            throw GatewayError.invalid("'" + at + "' must be an object", at);
        }
        String signature = GeminiJson.text(part, "thoughtSignature", at + ".thoughtSignature");
        String text = GeminiJson.text(part, "text", at + ".text");
        if (text != null && Boolean.TRUE.equals(GeminiJson.bool(part, "thought", at + ".thought"))) {
            out.add(new Part.Thinking(text, signature));
            return;
        }
        if (text != null) {
            if (!text.isEmpty()) {
                out.add(new Part.Text(text));
            }
        } else if (!media(part, at, out) && !code(part, at, out) && signature == null) {
            if (strict) {
                throw GatewayError.invalid("'" + at + "' holds no text, inlineData, fileData, functionCall or "
                        + "functionResponse", at);
            }
            return; // a part kind newer than this codec: skipped in answers
        }
        if (signature != null) {
            out.add(new Part.Thinking("", signature));
        }
    }

    private static boolean media(JsonNode part, String at, List<Part> out) {
        JsonNode inline = GeminiJson.get(part, "inlineData");
        if (inline != null) {
            String mime = GeminiJson.text(inline, "mimeType", at + ".inlineData.mimeType");
            String data = GeminiJson.text(inline, "data", at + ".inlineData.data");
            if (data == null) {
                throw GatewayError.invalid("'" + at + ".inlineData.data' is required", at + ".inlineData.data");
            }
            out.add(GeminiMedia.read(mime, data, null));
            return true;
        }
        JsonNode file = GeminiJson.get(part, "fileData");
        if (file != null) {
            String uri = GeminiJson.text(file, "fileUri", at + ".fileData.fileUri");
            if (uri == null) {
                throw GatewayError.invalid("'" + at + ".fileData.fileUri' is required", at + ".fileData.fileUri");
            }
            out.add(GeminiMedia.read(GeminiJson.text(file, "mimeType", at + ".fileData.mimeType"), null, uri));
            return true;
        }
        return false;
    }

    /**
     * Code-execution parts have no canonical slot; other formats see them as text (a fenced block
     * and its output) rather than losing them.
     */
    private static boolean code(JsonNode part, String at, List<Part> out) {
        JsonNode exec = GeminiJson.get(part, "executableCode");
        if (exec != null) {
            String language = GeminiJson.text(exec, "language", at + ".executableCode.language");
            String code = GeminiJson.text(exec, "code", at + ".executableCode.code");
            String lang = language == null ? "" : language.toLowerCase(Locale.ROOT);
            out.add(new Part.Text("```" + lang + "\n" + (code == null ? "" : code) + "\n```"));
            return true;
        }
        JsonNode result = GeminiJson.get(part, "codeExecutionResult");
        if (result != null) {
            String output = GeminiJson.text(result, "output", at + ".codeExecutionResult.output");
            out.add(new Part.Text(output == null ? "" : output));
            return true;
        }
        return false;
    }
}
