package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.UpstreamTimeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gateway and upstream failures as the official OpenAI Java SDK reports them: each status must map to
 * the SDK's own exception type, with the OpenAI error body parsed. Retries are off in the client, so
 * what the test sees is exactly what the gateway sent.
 */
class OpenAiSdkErrorsTest {
    static FakeUpstream fake;
    static GatewayTest gw;
    static OpenAIClient client;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.withFake(fake);
        client = SdkClients.client(gw, GatewayTest.KEY);
    }

    @AfterAll
    static void down() {
        client.close();
        gw.close();
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hi").build();
    }

    private static <T extends OpenAIServiceException> T failure(Class<T> type, OpenAIClient c, ChatCompletionCreateParams params) {
        T e = catchThrowableOfType(type, () -> c.chat().completions().create(params));
        assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
        return e;
    }

    @Test
    void missingKeyIsUnauthorized() {
        // the SDK insists on a credential, so it is configured and then its header removed
        OpenAIClient noKey = SdkClients.builder(gw, GatewayTest.KEY).removeHeaders("Authorization").build();
        try {
            UnauthorizedException e = failure(UnauthorizedException.class, noKey, chat("fake-model"));
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.type()).hasValue("authentication_error");
        } finally {
            noKey.close();
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void wrongKeyIsUnauthorized() {
        OpenAIClient wrong = SdkClients.client(gw, "sk-wrong-000000000000");
        try {
            UnauthorizedException e = failure(UnauthorizedException.class, wrong, chat("fake-model"));
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.type()).hasValue("authentication_error");
            assertThat(e.getMessage()).startsWith("401: ").doesNotContain("sk-wrong");
            UnauthorizedException models = catchThrowableOfType(UnauthorizedException.class, () -> wrong.models().list());
            assertThat(models).isNotNull();
            assertThat(models.statusCode()).isEqualTo(401);
        } finally {
            wrong.close();
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void modelNotAllowedForTheKeyIsPermissionDenied() {
        OpenAIClient narrow = SdkClients.client(gw, GatewayTest.NARROW_KEY);
        try {
            PermissionDeniedException e = failure(PermissionDeniedException.class, narrow, chat("fake-model"));
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.type()).hasValue("permission_error");
            assertThat(e.code()).hasValue("model_not_allowed");
            assertThat(e.param()).hasValue("model");
            // the same key may use its own alias
            assertThat(narrow.chat().completions().create(chat("echo")).choices().get(0).message().content())
                    .hasValue("Echo: hi");
        } finally {
            narrow.close();
        }
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void unknownModelIsNotFound() {
        NotFoundException e = failure(NotFoundException.class, client, chat("no-such-model"));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.code()).hasValue("model_not_found");
        assertThat(e.getMessage()).contains("no-such-model");
        NotFoundException retrieve = catchThrowableOfType(NotFoundException.class, () -> client.models().retrieve("no-such-model"));
        assertThat(retrieve).isNotNull();
        assertThat(retrieve.statusCode()).isEqualTo(404);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked") // Kotlin's JsonValue is a raw JsonField in Java
    void malformedMessagesAreABadRequestFromTheGateway() {
        // the SDK lets a raw JSON value stand in for a typed field: "messages": "hi" is not a list
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("fake-model").messages(JsonValue.from("hi")).build();
        BadRequestException e = failure(BadRequestException.class, client, params);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.type()).hasValue("invalid_request_error");
        assertThat(e.getMessage()).startsWith("400: ");
        assertThat(fake.requests()).isEmpty(); // refused by the gateway, not by the upstream
    }

    @Test
    void upstream429IsARateLimitException() {
        // its own gateway: the 429s set both provider keys aside, which must not leak into other tests
        try (GatewayTest own = GatewayTest.withFake(fake)) {
            OpenAIClient ownClient = SdkClients.client(own, GatewayTest.KEY);
            try {
                // one 429 per provider key: only when every key is limited does the client see the 429
                fake.enqueue(new Fault.Status(429, "1", null));
                fake.enqueue(new Fault.Status(429, "1", null));
                RateLimitException e = failure(RateLimitException.class, ownClient, chat("fake-model"));
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.type()).hasValue("rate_limit_error");
                assertThat(e.code()).hasValue("fake_429");
                assertThat(e.getMessage()).contains("fake upstream error 429");
                assertThat(e.headers().values("x-switchboard-provider")).containsExactly("fake");
                assertThat(e.headers().values("retry-after")).containsExactly("1");
                assertThat(fake.requests()).hasSize(2);
            } finally {
                ownClient.close();
            }
        }
    }

    @Test
    void upstream400PassesThroughWithTheUpstreamsMessage() {
        fake.enqueue(new Fault.Status(400, null,
                "{\"error\":{\"message\":\"bad thing\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"bad_code\"}}"));
        BadRequestException e = failure(BadRequestException.class, client, chat("fake-model"));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("400: bad thing");
        assertThat(e.param()).hasValue("messages");
        assertThat(e.code()).hasValue("bad_code");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void unreachableUpstreamIsA502ServerError() {
        try (GatewayTest dead = GatewayTest.start(GatewayTest.standardConfig(), Map.of("FAKE_URL", "http://127.0.0.1:1/v1"))) {
            OpenAIClient c = SdkClients.client(dead, GatewayTest.KEY);
            try {
                InternalServerException e = failure(InternalServerException.class, c, chat("fake-model"));
                assertThat(e.statusCode()).isEqualTo(502);
                assertThat(e.type()).hasValue("upstream_error");
                assertThat(e.getMessage()).contains("unreachable").doesNotContain("sk-upstream");
            } finally {
                c.close();
            }
        }
    }

    @Test
    void slowHeadersPastTheFirstByteTimeoutAreA504ServerError() {
        // every try is slow: three tries, each cut at the 1 s first-byte timeout, then a 504; the upstream
        // would have answered the first try only after 10 s
        try (GatewayTest own = GatewayTest.withFake(fake, UpstreamTimeouts.RELAXED.withFirstByte("1s"))) {
            OpenAIClient ownClient = SdkClients.client(own, GatewayTest.KEY);
            try {
                for (int i = 0; i < 3; i++) {
                    fake.enqueue(new Fault.SlowHeaders(Duration.ofMillis(10_000)));
                }
                long start = System.nanoTime();
                InternalServerException e = failure(InternalServerException.class, ownClient, chat("fake-model"));
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(e.statusCode()).isEqualTo(504);
                assertThat(e.type()).hasValue("timeout_error");
                assertThat(tookMs).as("cut at the first-byte timeout each time, not when the upstream woke")
                        .isLessThan(10_000);
                assertThat(fake.requests()).hasSize(3);
            } finally {
                ownClient.close();
            }
        }
    }

    @Test
    void resetMidStreamMakesTheSdkIterationThrowAfterTheFirstChunks() {
        fake.enqueue(new Fault.ResetAfterEvents(2));
        List<ChatCompletionChunk> seen = new ArrayList<>();
        SseException e;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(chat("fake-model"))) {
            e = catchThrowableOfType(SseException.class, () -> s.stream().forEach(seen::add));
        }
        assertThat(e).as("the stream must end in an error, not look complete").isNotNull();
        assertThat(e.statusCode()).isEqualTo(200); // the headers were already sent
        assertThat(e.type()).hasValue("upstream_error");
        assertThat(e.getMessage()).contains("closed the connection");
        // the two events the upstream sent before the reset: the role chunk and the first word
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).choices().get(0).delta().content()).hasValue("");
        assertThat(seen.get(1).choices().get(0).delta().content()).hasValue("Hello");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void stallMidStreamEndsTheSdkIterationWithATimeoutError() {
        // only the idle timeout is tight: a slow first byte on a loaded machine stays an answer
        try (GatewayTest own = GatewayTest.withFake(fake, UpstreamTimeouts.RELAXED.withIdle("1s"))) {
            OpenAIClient ownClient = SdkClients.client(own, GatewayTest.KEY);
            try {
                fake.enqueue(new Fault.StallAfterEvents(2));
                List<ChatCompletionChunk> seen = new ArrayList<>();
                SseException e;
                try (StreamResponse<ChatCompletionChunk> s = ownClient.chat().completions()
                        .createStreaming(chat("fake-model"))) {
                    e = catchThrowableOfType(SseException.class, () -> s.stream().forEach(seen::add));
                }
                assertThat(e).as("a stalled upstream must not leave the SDK waiting forever").isNotNull();
                assertThat(e.type()).hasValue("timeout_error");
                assertThat(e.getMessage()).contains("stalled");
                assertThat(seen).hasSize(2);
                assertThat(fake.requests()).hasSize(1);
            } finally {
                ownClient.close();
            }
        }
    }

    @Test
    void streamingRequestRefusedUpstreamThrowsBeforeAnyChunk() {
        fake.enqueue(new Fault.Status(400, null,
                "{\"error\":{\"message\":\"no streaming today\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"));
        List<ChatCompletionChunk> seen = new ArrayList<>();
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(chat("fake-model"))) {
                s.stream().forEach(seen::add);
            }
        });
        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("400: no streaming today");
        assertThat(seen).isEmpty();
        assertThat(fake.requests()).hasSize(1);
    }
}
