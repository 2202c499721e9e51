package dev.switchboard.server.admin;

import java.util.List;
import java.util.Map;

/**
 * One admin request, taken off the HTTP objects on the event loop so that the resources, which run on a
 * worker thread, never touch Vert.x.
 *
 * @param pathParams {@code {id}} and the like, decoded
 * @param query      every query parameter with all its values, decoded
 * @param body       the request body (bounded by the router), empty when none was sent
 * @param actor      who is acting: {@code admin} or the {@code X-Switchboard-Actor} header
 * @param wantsCsv   {@code Accept: text/csv} was sent
 */
record AdminCall(Map<String, String> pathParams, Map<String, List<String>> query, byte[] body, String actor,
        boolean wantsCsv) {

    AdminCall {
        pathParams = Map.copyOf(pathParams);
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    String id() {
        return pathParams.get("id");
    }

    QueryInput params() {
        return new QueryInput(query);
    }

    JsonInput json() {
        return JsonInput.parse(body);
    }
}
