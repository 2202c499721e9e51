package dev.switchboard.format.gemini;

import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Ids for Gemini function calls, which often come without one, while every other format pairs a
 * call and its result by id. In a request the id is derived from the call's position in
 * {@code contents}, so the same history yields the same ids on every turn; a result without an id
 * answers the oldest unanswered call of the same name in the latest model turn (Gemini's own rule
 * is order and name). In an answer the id is derived from the response id and a running number.
 */
final class GeminiCallIds {
    private final String responsePrefix;
    private final List<String[]> pending = new ArrayList<>(); // {id, name} of the latest model turn
    private int counter;

    private GeminiCallIds(String responsePrefix) {
        this.responsePrefix = responsePrefix;
    }

    static GeminiCallIds forRequest() {
        return new GeminiCallIds(null);
    }

    /** @param fallbackSeed text to derive ids from when the answer carries no responseId */
    static GeminiCallIds forResponse(String responseId, String fallbackSeed) {
        String base = responseId != null && !responseId.isEmpty() ? sanitize(responseId) : hash(fallbackSeed);
        return new GeminiCallIds("call_" + base + "_");
    }

    /** Calls of an earlier model turn can no longer be answered by a result without an id. */
    void newModelTurn() {
        pending.clear();
    }

    /** The id of a call at {@code position} ("content_part" in a request). */
    String call(String explicitId, String name, String position) {
        String id = explicitId != null && !explicitId.isEmpty() ? explicitId : synthesize(position);
        pending.add(new String[] {id, name});
        return id;
    }

    /** The id of the call a function response answers. */
    String result(String explicitId, String name, String position) {
        if (explicitId != null && !explicitId.isEmpty()) {
            pending.removeIf(p -> p[0].equals(explicitId));
            return explicitId;
        }
        for (Iterator<String[]> it = pending.iterator(); it.hasNext(); ) {
            String[] p = it.next();
            if (p[1].equals(name)) {
                it.remove();
                return p[0];
            }
        }
        return "call_" + position + "_result";
    }

    private String synthesize(String position) {
        return responsePrefix == null ? "call_" + position : responsePrefix + counter++;
    }

    /** Tool names by call id, for results that arrive without the name Gemini requires. */
    static Map<String, String> namesById(List<Message> messages) {
        Map<String, String> names = new HashMap<>();
        for (Message m : messages) {
            for (Part p : m.parts()) {
                if (p instanceof Part.ToolCall c) {
                    names.put(c.id(), c.name());
                }
            }
        }
        return names;
    }

    private static String sanitize(String id) {
        StringBuilder sb = new StringBuilder(id.length());
        for (int i = 0; i < id.length() && sb.length() < 64; i++) {
            char c = id.charAt(i);
            sb.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' ? c : '_');
        }
        return sb.toString();
    }

    static String hash(String seed) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    (seed == null ? "" : seed).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
