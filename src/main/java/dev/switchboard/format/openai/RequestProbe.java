package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.GatewayError;
import java.io.IOException;

/**
 * Validates an OpenAI-style request body in one streaming pass and extracts what routing needs.
 * The whole document is walked (so malformed JSON anywhere is a 400, not an upstream surprise), but
 * no tree is built: the body is later forwarded as the same bytes.
 */
public final class RequestProbe {
    private final JsonFactory factory;

    public RequestProbe(JsonFactory clientFactory) {
        this.factory = clientFactory;
    }

    public ProbedRequest probe(Endpoint endpoint, byte[] body) {
        if (body.length == 0) {
            throw GatewayError.invalid("request body is empty; expected a JSON object", null);
        }
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw GatewayError.invalid("request body must be a JSON object", null);
            }
            String model = null;
            int modelStart = -1, modelEnd = -1;
            boolean stream = false;
            boolean sawRequiredInput = false;
            String user = null;
            String metadataUserId = null;
            ProbedRequest.StreamOptions options = ProbedRequest.StreamOptions.ABSENT;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "model" -> {
                        if (t != JsonToken.VALUE_STRING) {
                            throw GatewayError.invalid("'model' must be a string", "model");
                        }
                        modelStart = (int) p.currentTokenLocation().getByteOffset();
                        model = p.getText();
                        modelEnd = (int) p.currentLocation().getByteOffset();
                    }
                    case "stream" -> {
                        if (t == JsonToken.VALUE_TRUE) {
                            stream = true;
                        } else if (t != JsonToken.VALUE_FALSE && t != JsonToken.VALUE_NULL) {
                            throw GatewayError.invalid("'stream' must be a boolean", "stream");
                        }
                    }
                    case "stream_options" -> options = streamOptions(p, t);
                    // the upstream judges these fields; the gateway only reads them as session hints
                    case "user" -> user = t == JsonToken.VALUE_STRING ? p.getText() : skip(p);
                    case "metadata" -> metadataUserId = t == JsonToken.START_OBJECT ? metadataUserId(p) : skip(p);
                    case "messages" -> {
                        if (endpoint == Endpoint.CHAT && t != JsonToken.START_ARRAY) {
                            throw GatewayError.invalid("'messages' must be an array", "messages");
                        }
                        sawRequiredInput |= endpoint == Endpoint.CHAT;
                        p.skipChildren();
                    }
                    case "input" -> {
                        sawRequiredInput |= endpoint != Endpoint.CHAT;
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw GatewayError.invalid("unexpected content after the JSON object", null);
            }
            if (model == null || model.isBlank()) {
                throw GatewayError.invalid("you must provide a model parameter", "model");
            }
            if (!sawRequiredInput && endpoint != Endpoint.RESPONSES) {
                String field = endpoint == Endpoint.CHAT ? "messages" : "input";
                throw GatewayError.invalid("missing required parameter: '" + field + "'", field);
            }
            return new ProbedRequest(model, modelStart, modelEnd, stream, options, user, metadataUserId);
        } catch (StreamConstraintsException e) {
            throw GatewayError.invalid("request JSON exceeds a limit: " + JsonFields.firstLine(e.getOriginalMessage()), null);
        } catch (IOException e) {
            throw GatewayError.invalid("request body is not valid JSON: " + JsonFields.firstLine(e.getMessage()), null);
        }
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** Reads {@code user_id} from the {@code metadata} object the parser is at, and leaves the object. */
    private static String metadataUserId(JsonParser p) throws IOException {
        String userId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("user_id".equals(name) && v == JsonToken.VALUE_STRING) {
                userId = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return userId;
    }

    private static ProbedRequest.StreamOptions streamOptions(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return ProbedRequest.StreamOptions.ABSENT;
        }
        if (t != JsonToken.START_OBJECT) {
            throw GatewayError.invalid("'stream_options' must be an object", "stream_options");
        }
        boolean include = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("include_usage".equals(name)) {
                include = v == JsonToken.VALUE_TRUE;
            } else {
                p.skipChildren();
            }
        }
        return include ? ProbedRequest.StreamOptions.INCLUDE_USAGE : ProbedRequest.StreamOptions.OTHER;
    }
}
