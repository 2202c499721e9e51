package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.format.Json;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestProbeTest {
    private final RequestProbe probe = new RequestProbe(Json.clientFactory(64, 1 << 20));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsModelStreamAndOptions() {
        ProbedRequest p = probe.probe(Endpoint.CHAT,
                b("{\"model\":\"gpt-4o\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
        assertThat(p.model()).isEqualTo("gpt-4o");
        assertThat(p.stream()).isTrue();
        assertThat(p.clientWantsUsage()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json", "[1,2]", "\"str\"", "{\"messages\":[]}", "{\"model\":5,\"messages\":[]}",
        "{\"model\":\"m\",\"messages\":{}}", "{\"model\":\"m\",\"messages\":[],\"stream\":\"yes\"}",
        "{\"model\":\"m\",\"messages\":[],\"stream_options\":3}", "{\"model\":\"m\"", "{\"model\":\"m\",\"messages\":[]} x",
        "{\"model\":\"\",\"messages\":[]}", "{\"model\":\"m\"}", ""
    })
    void malformedBodiesAreInvalidRequests(String body) {
        assertThatThrownBy(() -> probe.probe(Endpoint.CHAT, b(body)))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @Test
    void deepNestingIsRefusedWithoutStackOverflow() {
        String deep = "{\"model\":\"m\",\"messages\":[],\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThatThrownBy(() -> probe.probe(Endpoint.CHAT, b(deep)))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.getMessage()).contains("limit"));
    }

    @Test
    void rewriteRenamesModelAndAsksForUsageKeepingOtherBytes() {
        byte[] body = b("{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi \\u00e9\"}],\"stream\":true}");
        ProbedRequest p = probe.probe(Endpoint.CHAT, body);
        String out = new String(BodyRewriter.rewrite(body, p, "real-model", true), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{\"stream_options\":{\"include_usage\":true},\"model\":\"real-model\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi \\u00e9\"}],\"stream\":true}");
    }

    @Test
    void rewriteKeepsBodyIdenticalWhenNothingChanges() {
        byte[] body = b("{\"model\":\"m\",\"messages\":[]}");
        assertThat(BodyRewriter.rewrite(body, probe.probe(Endpoint.CHAT, body), "m", false)).isSameAs(body);
    }

    @Test
    void rewriteMergesIntoExistingStreamOptions() {
        byte[] body = b("{\"model\":\"m\",\"messages\":[],\"stream\":true,\"stream_options\":{\"include_usage\":false,\"x\":1}}");
        String out = new String(BodyRewriter.rewrite(body, probe.probe(Endpoint.CHAT, body), "m", true), StandardCharsets.UTF_8);
        assertThat(out).contains("\"stream_options\":{\"include_usage\":true,\"x\":1}");
    }

    /**
     * A history a Gemini provider answered has call ids carrying its signatures; a same-format provider gets
     * the calls' own ids (OpenAI refuses ids over 40 characters), in calls and results alike.
     */
    @Test
    void rewriteTakesGeminiSignaturesOutOfCallIds() {
        String signed = "call_r1_0" + "__thsig_b" + "A".repeat(120);
        byte[] chat = b("{\"model\":\"m\",\"temperature\":0.10000000000000001,\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"" + signed
                + "\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + signed + "\",\"content\":\"ok\"}]}");
        byte[] responses = b("{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\""
                + signed + "\",\"name\":\"f\",\"arguments\":\"{}\"},{\"type\":\"function_call_output\",\"call_id\":\""
                + signed + "\",\"output\":\"ok\"}]}");
        byte[] anthropic = b("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
                + "\"id\":\"" + signed + "\",\"name\":\"f\",\"input\":{}}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"" + signed + "\",\"content\":\"ok\"}]}]}");

        for (byte[] body : List.of(chat, responses, anthropic)) {
            Endpoint endpoint = body == responses ? Endpoint.RESPONSES : Endpoint.CHAT;
            String out = new String(BodyRewriter.rewrite(body, probe.probe(endpoint, body), "m", false), StandardCharsets.UTF_8);
            assertThat(out).doesNotContain("__thsig_");
            assertThat(out.split("\"call_r1_0\"", -1)).hasSize(3); // the call and its result
            if (body == responses) {
                assertThat(out).contains("\"id\":\"fc_1\""); // an item id, not a call id: left alone
            }
            if (body == chat) {
                assertThat(out).contains("\"temperature\":0.10000000000000001"); // other values go on digit for digit
            }
        }
    }

    @Test
    void readsUserAndMetadataUserIdAsSessionHints() {
        ProbedRequest p = probe.probe(Endpoint.CHAT, b("""
                {"model":"m","metadata":{"tag":{"x":[1]},"user_id":"sess-1","n":2},"user":"alice",
                 "messages":[{"role":"user","content":"hi","metadata":{"user_id":"nested"}}]}"""));
        assertThat(p.metadataUserId()).isEqualTo("sess-1");
        assertThat(p.user()).isEqualTo("alice");
        assertThat(p.sessionHint()).isEqualTo("sess-1");
        assertThat(p.model()).isEqualTo("m");

        ProbedRequest onlyUser = probe.probe(Endpoint.CHAT, b("{\"user\":\"bob\",\"model\":\"m\",\"messages\":[]}"));
        assertThat(onlyUser.metadataUserId()).isNull();
        assertThat(onlyUser.sessionHint()).isEqualTo("bob");
    }

    @Test
    void sessionHintsOfOtherShapesAreIgnoredNotRejected() {
        ProbedRequest p = probe.probe(Endpoint.CHAT, b("""
                {"model":"m","messages":[],"user":{"id":"x"},"metadata":["user_id","x"]}"""));
        assertThat(p.user()).isNull();
        assertThat(p.metadataUserId()).isNull();
        assertThat(p.sessionHint()).isNull();
        ProbedRequest q = probe.probe(Endpoint.CHAT, b("""
                {"model":"m","messages":[],"user":7,"metadata":{"user_id":7}}"""));
        assertThat(q.sessionHint()).isNull();
        ProbedRequest none = probe.probe(Endpoint.CHAT, b("{\"model\":\"m\",\"messages\":[],\"metadata\":null}"));
        assertThat(none.sessionHint()).isNull();
    }
}
