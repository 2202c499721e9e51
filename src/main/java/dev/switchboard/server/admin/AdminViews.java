package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.store.AuditEntry;
import dev.switchboard.store.Budget;
import dev.switchboard.store.CredentialRow;
import dev.switchboard.store.KeyRow;
import dev.switchboard.store.Limits;
import dev.switchboard.store.ProjectRow;
import dev.switchboard.store.Slice;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Rows as the admin API shows them. What is not written here is not shown: key hashes, ciphertexts and
 * secrets have no field. Times are ISO-8601 UTC; money is a decimal number of USD.
 */
final class AdminViews {
    private AdminViews() {}

    static ObjectNode object(String type) {
        return Json.MAPPER.createObjectNode().put("object", type);
    }

    static <T> ObjectNode list(Slice<T> slice, Function<T, JsonNode> view) {
        ObjectNode out = object("list");
        ArrayNode data = out.putArray("data");
        slice.items().forEach(item -> data.add(view.apply(item)));
        out.put("has_more", slice.more());
        out.put("limit", slice.page().limit());
        out.put("offset", slice.page().offset());
        return out;
    }

    static ObjectNode project(ProjectRow p) {
        ObjectNode o = object("project").put("id", p.id()).put("name", p.name());
        strings(o, "models", p.allowedModels());
        ObjectNode limits = limits(o.putObject("limits"), p.limits());
        limits.put("max_requests", p.limits().maxRequests());
        budget(o, p.budget());
        o.put("active", p.active()).put("log_bodies", p.logBodies());
        time(o, "created_at", p.createdAt());
        time(o, "updated_at", p.updatedAt());
        return o;
    }

    /** Only the display prefix: the secret is shown once, by the call that made it, and the hash never. */
    static ObjectNode key(KeyRow k) {
        ObjectNode o = object("key").put("id", k.id()).put("name", k.name()).put("prefix", k.prefix())
                .put("project", k.projectId());
        time(o, "expires_at", k.expiresAt());
        o.put("revoked", k.revokedAt() != null);
        time(o, "revoked_at", k.revokedAt());
        o.put("max_requests", k.limits().maxRequests());
        strings(o, "models", k.allowedModels());
        strings(o, "endpoints", k.allowedEndpoints());
        limits(o.putObject("limits"), k.limits());
        budget(o, k.budget());
        if (k.logBodies() == null) {
            o.putNull("log_bodies");
        } else {
            o.put("log_bodies", k.logBodies());
        }
        time(o, "last_used_at", k.lastUsedAt());
        time(o, "created_at", k.createdAt());
        time(o, "updated_at", k.updatedAt());
        return o;
    }

    /** The credential with its masked hint ({@code sk-…WXYZ}) in place of the key. */
    static ObjectNode credential(CredentialRow c) {
        ObjectNode o = object("credential").put("id", c.id()).put("provider", c.provider()).put("name", c.name())
                .put("key", c.maskedHint());
        time(o, "created_at", c.createdAt());
        return o;
    }

    static ObjectNode audit(AuditEntry e) {
        ObjectNode o = object("audit_entry").put("id", e.id());
        time(o, "ts", e.ts());
        o.put("actor", e.actor()).put("action", e.action()).put("target_type", e.targetType())
                .put("target_id", e.targetId());
        o.set("detail", detail(e.detail()));
        return o;
    }

    private static JsonNode detail(String json) {
        if (json == null) {
            return Json.MAPPER.nullNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    static ObjectNode limits(ObjectNode o, Limits l) {
        o.put("rpm", l.rpm()).put("tpm", l.tpm()).put("concurrency", l.concurrency());
        return o;
    }

    static void budget(ObjectNode o, Budget b) {
        if (b == null) {
            o.putNull("budget");
        } else {
            o.putObject("budget").put("usd", b.usd()).put("period", b.period().label());
        }
    }

    static void strings(ObjectNode o, String field, List<String> values) {
        if (values == null) {
            o.putNull(field);
        } else {
            ArrayNode a = o.putArray(field);
            values.forEach(a::add);
        }
    }

    static void time(ObjectNode o, String field, Instant t) {
        if (t == null) {
            o.putNull(field);
        } else {
            o.put(field, t.toString());
        }
    }
}
