package dev.switchboard.server.admin;

import dev.switchboard.store.Store;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.TestStores;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A running gateway with an admin key, a master key for credentials and its store (SQLite or a fresh
 * PostgreSQL schema) also opened directly, for tests that seed usage rows or look at what was stored.
 */
final class AdminFixture implements AutoCloseable {
    static final String ADMIN_KEY = "adm-" + "Zq7vX2pL9sT4wY6bN1cR8dF3gH5jK0mA";
    static final String CONFIG_KEY = "sk-cfg-" + "0123456789abcdefghijklmn";
    static final String UPSTREAM_KEY = "sk-upstream-" + "aaaaaaaaaaaaaaaaaaaaaaaa";
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(random32());

    final TestStores stores;
    final GatewayTest gateway;
    final Store store;
    final AdminClient admin;
    private final String yaml;
    private final Map<String, String> env;

    private AdminFixture(TestStores stores, GatewayTest gateway, Store store, String yaml, Map<String, String> env) {
        this.stores = stores;
        this.gateway = gateway;
        this.store = store;
        this.yaml = yaml;
        this.env = env;
        this.admin = new AdminClient(gateway.baseUrl(), ADMIN_KEY);
    }

    /** Another gateway on the same store, as a second instance behind a load balancer would be. */
    GatewayTest secondInstance() {
        return GatewayTest.start(yaml, env);
    }

    /** @param extraYaml more top-level YAML (models, projects …), may be empty */
    static AdminFixture start(TestStores stores, String extraYaml) {
        return start(stores, extraYaml, Map.of(dev.switchboard.tenancy.CredentialCipher.ENV, MASTER_KEY));
    }

    static AdminFixture start(TestStores stores, String extraYaml, Map<String, String> env) {
        String yaml = """
                server:
                  listen: 127.0.0.1:0
                  admin_key: "%s"
                store: "%s"
                providers:
                  demo: { kind: mock, models: [echo-1, echo-2] }
                  other: { kind: mock, models: [echo-9] }
                  cloud:
                    format: openai
                    base_url: http://127.0.0.1:9/v1
                    allow_private: true
                    keys: ["%s"]
                models:
                  echo: [demo/echo-1]
                  echo2: [demo/echo-2]
                keys:
                  - name: cfg
                    key: %s
                """.formatted(ADMIN_KEY, stores.url(), UPSTREAM_KEY, CONFIG_KEY) + extraYaml;
        GatewayTest gw = GatewayTest.start(yaml, env);
        Store direct = Store.open(stores.url());
        return new AdminFixture(stores, gw, direct, yaml, env);
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return b;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            store.close();
            stores.close();
        }
    }
}
