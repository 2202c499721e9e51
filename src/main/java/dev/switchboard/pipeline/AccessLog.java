package dev.switchboard.pipeline;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.switchboard.format.Json;
import java.io.IOException;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code switchboard.access} logger. It carries names and numbers
 * only: the key's name, never the key; the model, never the prompt.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("switchboard.access");

    public void write(RequestRecord r) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringWriter out = new StringWriter(384);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ts", r.startedAt().toString());
            g.writeStringField("request_id", r.requestId());
            g.writeStringField("key", r.keyName());
            g.writeStringField("endpoint", r.endpoint().name().toLowerCase());
            g.writeStringField("model", r.requestedModel());
            g.writeStringField("provider", r.provider());
            g.writeStringField("upstream_model", r.upstreamModel());
            g.writeBooleanField("stream", r.stream());
            g.writeNumberField("status", r.status());
            g.writeStringField("outcome", r.outcome());
            g.writeNumberField("attempts", r.attempts());
            if (r.usage() != null) {
                g.writeNumberField("input_tokens", r.usage().input());
                g.writeNumberField("output_tokens", r.usage().output());
                g.writeNumberField("cached_tokens", r.usage().cacheRead());
                g.writeNumberField("reasoning_tokens", r.usage().reasoning());
            }
            g.writeNumberField("total_ms", round(r.totalMillis()));
            g.writeNumberField("ttfb_ms", round(r.ttfbMillis()));
            g.writeNumberField("upstream_ms", round(r.upstreamMillis()));
            g.writeEndObject();
        } catch (IOException e) {
            LOG.warn("access log line failed for request {}", r.requestId());
            return;
        }
        LOG.info(out.toString());
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
