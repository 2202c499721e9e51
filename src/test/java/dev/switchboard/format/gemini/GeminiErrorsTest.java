package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Errors in Google's shape, both ways. */
class GeminiErrorsTest {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);

    @ParameterizedTest
    @CsvSource({"INVALID_REQUEST, 400, INVALID_ARGUMENT", "AUTHENTICATION, 401, UNAUTHENTICATED",
            "PERMISSION, 403, PERMISSION_DENIED", "NOT_FOUND, 404, NOT_FOUND", "RATE_LIMITED, 429, RESOURCE_EXHAUSTED",
            "INTERNAL, 500, INTERNAL", "UPSTREAM_ERROR, 502, INTERNAL", "OVERLOADED, 503, UNAVAILABLE",
            "TIMEOUT, 504, DEADLINE_EXCEEDED", "PAYLOAD_TOO_LARGE, 413, INVALID_ARGUMENT"})
    void gatewayErrorsRenderWithGoogleStatusNames(ErrorKind kind, int code, String status) {
        byte[] body = codec.encodeError(new GatewayError(kind, "something happened"));
        assertThat(GeminiFixtures.json(body)).isEqualTo(GeminiFixtures.json(
                "{\"error\":{\"code\":" + code + ",\"message\":\"something happened\",\"status\":\"" + status + "\"}}"));
        assertThat(codec.errorStatus(kind)).isEqualTo(code);
    }

    @Test
    void aNamedFieldTravelsAsABadRequestViolationAndComesBack() {
        byte[] body = codec.encodeError(GatewayError.invalid("'contents' is required", "contents"));
        assertThat(GeminiFixtures.json(body).at("/error/details/0/fieldViolations/0/field").asText()).isEqualTo("contents");
        GatewayError back = codec.decodeError(400, body);
        assertThat(back.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(back.param()).isEqualTo("contents");
        assertThat(back.getMessage()).isEqualTo("'contents' is required");
        assertThat(GeminiFixtures.json(codec.encodeError(back))).isEqualTo(GeminiFixtures.json(body));
    }

    @Test
    void nonJsonBodiesFallBackOnTheHttpStatusAndKeepATrimmedMessage() {
        GatewayError e = codec.decodeError(503, "<html>Service Unavailable</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(e.getMessage()).contains("HTTP 503").contains("Service Unavailable");
        GatewayError huge = codec.decodeError(500, "x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
        assertThat(huge.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(huge.getMessage().length()).isLessThan(400);
        assertThat(codec.decodeError(401, new byte[0]).kind()).isEqualTo(ErrorKind.AUTHENTICATION);
        assertThat(codec.decodeError(429, "{\"error\":{}}".getBytes(StandardCharsets.UTF_8)).kind())
                .isEqualTo(ErrorKind.RATE_LIMITED);
    }
}
