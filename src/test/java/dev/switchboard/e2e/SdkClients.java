package dev.switchboard.e2e;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.testkit.GatewayTest;
import java.time.Duration;

/**
 * Official SDK clients (OpenAI, Anthropic, Google Gen AI) pointed at a base URL: a running test gateway
 * or a {@code FakeUpstream}. Retries are off in all of them, so that every status reaches the test as it
 * was sent.
 */
public final class SdkClients {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private SdkClients() {}

    /** A client with the given key; no retries, so that every status reaches the test as it was sent. */
    static OpenAIClient client(GatewayTest gw, String apiKey) {
        return builder(gw, apiKey).build();
    }

    static OpenAIOkHttpClient.Builder builder(GatewayTest gw, String apiKey) {
        return OpenAIOkHttpClient.builder()
                .baseUrl(gw.openAiBaseUrl())
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(TIMEOUT);
    }

    /**
     * An Anthropic client for {@code baseUrl}, the server root without {@code /v1} (as
     * {@code https://api.anthropic.com}); it sends {@code x-api-key} and {@code anthropic-version}.
     */
    public static AnthropicClient anthropic(String baseUrl, String apiKey) {
        return anthropicBuilder(baseUrl, apiKey).build();
    }

    public static AnthropicOkHttpClient.Builder anthropicBuilder(String baseUrl, String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(0).timeout(TIMEOUT);
    }

    /**
     * A Gemini API client for {@code baseUrl}, the server root (as
     * {@code https://generativelanguage.googleapis.com}), on API version {@code v1beta}: the SDK then
     * calls {@code /v1beta/models/<model>:generateContent} with the key in {@code x-goog-api-key}.
     */
    public static Client gemini(String baseUrl, String apiKey) {
        return Client.builder().apiKey(apiKey).httpOptions(geminiHttpOptions(baseUrl).build()).build();
    }

    public static HttpOptions.Builder geminiHttpOptions(String baseUrl) {
        return HttpOptions.builder()
                .baseUrl(baseUrl)
                .apiVersion("v1beta")
                .timeout((int) TIMEOUT.toMillis())
                .retryOptions(HttpRetryOptions.builder().attempts(1).build());
    }
}
