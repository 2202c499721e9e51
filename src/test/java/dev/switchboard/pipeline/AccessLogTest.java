package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.Usage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogTest {
    @Test
    void writesOneValidJsonLinePerRecordEvenWithHostileModelNames() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLogSink sink = new AccessLogSink(out, true);
        AccessLog log = new AccessLog(sink);
        String hostile = "m\"odel\\\n\u0001";
        log.write(new RequestRecord("rid", "trace \"1\"", Instant.parse("2026-01-01T00:00:00Z"), "team", Endpoint.CHAT,
                hostile, "fake", "up", true, 200, "ok", 2, new Usage(10, 5, 3, 0, 1, false), 12.345, 1.006, -1,
                "k1", "p1", dev.switchboard.model.chat.ClientFormat.OPENAI_CHAT, null));
        log.write(new RequestRecord("rid2", null, Instant.parse("2026-01-01T00:00:01Z"), null, Endpoint.EMBEDDINGS,
                null, null, null, false, 401, "rejected", 0, null, 0.5, 0.5, -1, null, null, null,
                dev.switchboard.model.ErrorKind.AUTHENTICATION));
        sink.close();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.path("model").asText()).isEqualTo(hostile);
        assertThat(first.path("request_id").asText()).isEqualTo("rid");
        assertThat(first.path("client_request_id").asText()).isEqualTo("trace \"1\"");
        assertThat(first.path("input_tokens").asLong()).isEqualTo(10);
        assertThat(first.path("total_ms").asDouble()).isEqualTo(12.35);
        assertThat(first.path("ttfb_ms").asDouble()).isEqualTo(1.01);
        assertThat(first.path("upstream_ms").asInt()).isEqualTo(-1);
        JsonNode second = new ObjectMapper().readTree(lines[1]);
        assertThat(second.path("key").isNull()).isTrue();
        assertThat(second.path("client_request_id").isNull()).isTrue();
        assertThat(second.path("status").asInt()).isEqualTo(401);
        assertThat(second.has("input_tokens")).isFalse();
    }
}
