package dev.switchboard.usage;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ClientFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One {@link UsageRecord} per JSON line in the spool file. The field names are the file format, kept
 * stable on purpose (not derived from the record) so a spool written by one version replays in the
 * next; an enum constant a later version no longer knows reads as null instead of losing the record.
 * Fields added later are optional and leave {@link #VERSION} alone: a line written before them (a spool
 * survives an upgrade) reads them as null, and an older reader skips them.
 *
 * <p>Written and read with Jackson's streaming API, no tree in between: with write-ahead every record is
 * encoded on the request's thread and decoded once more by the writer, so each costs about a microsecond.
 */
final class SpoolCodec {
    static final int VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();

    private SpoolCodec() {}

    static String encode(UsageRecord r) {
        StringWriter out = new StringWriter(384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * The record as one spool line in UTF-8, newline included: what the write-ahead append needs, without
     * the detour through a String (encoded on the request's thread for every request).
     */
    static byte[] line(UsageRecord r) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory builder does not fail
        }
        out.append('\n');
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, UsageRecord r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("v", VERSION);
        g.writeStringField("id", r.requestId());
        if (r.clientRequestId() != null) {
            g.writeStringField("client_id", r.clientRequestId());
        }
        g.writeNumberField("ts", r.ts().toEpochMilli());
        g.writeStringField("key", r.keyId());
        g.writeStringField("key_name", r.keyName());
        g.writeStringField("project", r.projectId());
        g.writeStringField("provider", r.provider());
        g.writeStringField("model", r.model());
        g.writeStringField("requested_model", r.requestedModel());
        g.writeStringField("endpoint", r.endpoint() == null ? null : r.endpoint().name());
        g.writeStringField("format", r.clientFormat() == null ? null : r.clientFormat().name());
        g.writeNumberField("status", r.status());
        g.writeStringField("error", r.errorKind() == null ? null : r.errorKind().name());
        g.writeBooleanField("stream", r.stream());
        Usage u = r.usage();
        g.writeNumberField("in", u.input());
        g.writeNumberField("out", u.output());
        g.writeNumberField("cache_read", u.cacheRead());
        g.writeNumberField("cache_write", u.cacheWrite());
        g.writeNumberField("reasoning", u.reasoning());
        g.writeBooleanField("estimated", u.estimated());
        g.writeStringField("cost_usd", r.cost().priced() ? r.cost().usd().toPlainString() : null);
        writeLong(g, "latency_ms", r.latencyMs());
        writeLong(g, "ttfb_ms", r.ttfbMs());
        g.writeNumberField("attempts", r.attempts());
        if (r.bodies() != null) {
            g.writeStringField("body_request", r.bodies().request());
            g.writeStringField("body_response", r.bodies().response());
            g.writeBooleanField("body_truncated", r.bodies().truncated());
        }
        g.writeEndObject();
    }

    private static void writeLong(JsonGenerator g, String name, Long value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** Parses one line; throws {@link IllegalArgumentException} when it is not a whole record. */
    static UsageRecord decode(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a spooled usage record");
            }
            Fields f = new Fields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren(); // a field of a later version: not ours to read
                } else {
                    f.read(name, p, t);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("not a whole record");
            }
            return f.record();
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    /** The fields of one line as they are read, in any order. */
    private static final class Fields {
        int version;
        String id;
        String clientId;
        Long ts;
        String key;
        String keyName;
        String project;
        String provider;
        String model;
        String requestedModel;
        String endpoint;
        String format;
        int status;
        String error;
        boolean stream;
        long in;
        long out;
        long cacheRead;
        long cacheWrite;
        long reasoning;
        boolean estimated;
        String cost;
        Long latency;
        Long ttfb;
        int attempts;
        boolean hasBodies;
        String bodyRequest;
        String bodyResponse;
        boolean bodyTruncated;

        void read(String name, JsonParser p, JsonToken t) throws IOException {
            boolean isNull = t == JsonToken.VALUE_NULL;
            switch (name) {
                case "v" -> version = p.getValueAsInt();
                case "id" -> id = isNull ? null : p.getValueAsString();
                case "client_id" -> clientId = text(p, isNull);
                case "ts" -> ts = isNull ? null : p.getValueAsLong();
                case "key" -> key = text(p, isNull);
                case "key_name" -> keyName = text(p, isNull);
                case "project" -> project = text(p, isNull);
                case "provider" -> provider = text(p, isNull);
                case "model" -> model = text(p, isNull);
                case "requested_model" -> requestedModel = text(p, isNull);
                case "endpoint" -> endpoint = text(p, isNull);
                case "format" -> format = text(p, isNull);
                case "status" -> status = p.getValueAsInt();
                case "error" -> error = text(p, isNull);
                case "stream" -> stream = p.getValueAsBoolean();
                case "in" -> in = p.getValueAsLong();
                case "out" -> out = p.getValueAsLong();
                case "cache_read" -> cacheRead = p.getValueAsLong();
                case "cache_write" -> cacheWrite = p.getValueAsLong();
                case "reasoning" -> reasoning = p.getValueAsLong();
                case "estimated" -> estimated = p.getValueAsBoolean();
                case "cost_usd" -> cost = text(p, isNull);
                case "latency_ms" -> latency = isNull ? null : p.getValueAsLong();
                case "ttfb_ms" -> ttfb = isNull ? null : p.getValueAsLong();
                case "attempts" -> attempts = p.getValueAsInt();
                case "body_request" -> bodyRequest = text(p, isNull);
                case "body_response" -> bodyResponse = text(p, isNull);
                case "body_truncated" -> {
                    hasBodies = true;
                    bodyTruncated = p.getValueAsBoolean();
                }
                default -> { } // a field of a later version
            }
        }

        UsageRecord record() {
            if (version != VERSION || id == null || ts == null) {
                throw new IllegalArgumentException("not a spooled usage record");
            }
            return new UsageRecord(id, clientId, Instant.ofEpochMilli(ts), key, keyName, project, provider, model,
                    requestedModel, constant(Endpoint.class, endpoint), constant(ClientFormat.class, format), status,
                    constant(ErrorKind.class, error), stream,
                    new Usage(in, out, cacheRead, cacheWrite, reasoning, estimated),
                    cost == null ? Cost.UNPRICED : new Cost(new BigDecimal(cost)), latency, ttfb, attempts,
                    hasBodies ? new RequestBodies(bodyRequest, bodyResponse, bodyTruncated) : null);
        }

        private static String text(JsonParser p, boolean isNull) throws IOException {
            return isNull ? null : p.getValueAsString();
        }
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
