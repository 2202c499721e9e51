package dev.switchboard.e2e;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.switchboard.testkit.GatewayTest;
import java.time.Duration;

/** Official OpenAI Java SDK clients pointed at a running test gateway. */
final class SdkClients {
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
                .timeout(Duration.ofSeconds(15));
    }
}
