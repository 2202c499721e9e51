package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.format.ChatCodec;
import dev.switchboard.model.GatewayError;

/**
 * What the two OpenAI codecs (Chat Completions and Responses) share: client bodies parsed under the
 * configured limits, and one error envelope, {@code {"error":{message,type,param,code}}}, in both
 * directions.
 */
public abstract class OpenAiFamilyCodec implements ChatCodec {
    /** Parses client bodies; nothing may follow the JSON object. */
    protected final ObjectMapper clientMapper;

    protected OpenAiFamilyCodec(JsonFactory clientFactory) {
        this.clientMapper = JsonFields.clientMapper(clientFactory);
    }

    @Override
    public final byte[] encodeError(GatewayError error) {
        return OpenAiErrors.body(error);
    }

    @Override
    public final GatewayError decodeError(int status, byte[] body) {
        return OpenAiErrors.decode(status, body);
    }
}
