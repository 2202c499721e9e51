package dev.switchboard.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One gateway with the admin API for all the tests of a class, on the store its subclass names (SQLite
 * or PostgreSQL); a subclass's own {@code @BeforeAll} runs after this one's and may seed it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AdminGatewayContract {
    AdminFixture fx;
    AdminClient admin;

    abstract TestStores database();

    @BeforeAll
    void startGateway() {
        fx = AdminFixture.start(database(), "");
        admin = fx.admin;
    }

    @AfterAll
    void stopGateway() {
        if (fx != null) {
            fx.close();
        }
    }

    /** POSTs {@code body} and expects 201: the created object. */
    JsonNode created(String path, String body) {
        AdminClient.Reply r = admin.post(path, body);
        assertThat(r.status()).as(path + " " + body + " → " + r).isEqualTo(201);
        return r.json();
    }
}
