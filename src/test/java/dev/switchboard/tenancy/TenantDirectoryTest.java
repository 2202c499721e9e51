package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {
    private final ManualClock clock = new ManualClock();
    private final VirtualKeys keys = new VirtualKeys();

    /** A store whose answer the test changes, or makes fail. */
    static final class MutableSource implements TenantSource {
        final AtomicReference<Listing> listing = new AtomicReference<>(Listing.EMPTY);
        volatile RuntimeException failure;
        volatile int calls;

        @Override
        public Listing list() {
            calls++;
            if (failure != null) {
                throw failure;
            }
            return listing.get();
        }

        @Override
        public String describe() {
            return "test store";
        }
    }

    private VirtualKey stored(String secret, String id, String projectId) {
        return new VirtualKey(keys.hash(secret), id, "key-" + id, VirtualKeys.displayPrefix(secret), projectId,
                List.of("openai/*"), List.of("/v1/chat/completions"), Limits.NONE, null, false, null, Consumption.NONE);
    }

    private static VirtualKey with(VirtualKey k, Instant expires, boolean revoked) {
        return new VirtualKey(k.hash(), k.id(), k.name(), k.prefix(), k.projectId(), k.models(), k.endpoints(),
                k.limits(), expires, revoked, k.logBodies(), k.consumption());
    }

    private static Project project(String id, boolean active) {
        return new Project(id, "project-" + id, active, List.of(), Limits.NONE, true, Consumption.NONE);
    }

    @Test
    void findsKeysByTheirSecretAndJoinsTheirProject() {
        String secret = keys.generate().secret();
        MutableSource store = new MutableSource();
        store.listing.set(new TenantSource.Listing(List.of(project("web", true)), List.of(stored(secret, "1", "web"))));
        TenantDirectory d = new TenantDirectory(List.of(store), keys, clock);
        assertThat(d.authenticate(secret)).as("before the first refresh").isEqualTo(new Lookup.Refused(Lookup.Reason.UNKNOWN, null));

        assertThat(d.refresh()).isTrue();
        Lookup found = d.authenticate(secret);
        assertThat(found).isInstanceOf(Lookup.Found.class);
        Tenant t = ((Lookup.Found) found).tenant();
        assertThat(t.key().id()).isEqualTo("1");
        assertThat(t.project().name()).isEqualTo("project-web");
        assertThat(t.logBodies()).as("inherited from the project").isTrue();
        assertThat(t.scopes()).extracting(Scope::counterId).containsExactly("k:1", "p:web");
        assertThat(d.authenticate(secret + "x")).isEqualTo(new Lookup.Refused(Lookup.Reason.UNKNOWN, null));
        assertThat(d.size()).isEqualTo(1);
    }

    @Test
    void refusalsCarryTheDocumentedStatus() {
        String expiring = "sk-sb-expiring-0123456789", revoked = "sk-sb-revoked-0123456789",
                inactive = "sk-sb-inactive-0123456789", orphan = "sk-sb-orphan-0123456789";
        MutableSource store = new MutableSource();
        store.listing.set(new TenantSource.Listing(List.of(project("off", false)), List.of(
                with(stored(expiring, "e", null), clock.instant().plus(Duration.ofHours(1)), false),
                with(stored(revoked, "r", null), null, true),
                stored(inactive, "i", "off"),
                stored(orphan, "o", "deleted"))));
        TenantDirectory d = new TenantDirectory(List.of(store), keys, clock);
        d.refresh();

        assertThat(d.authenticate(expiring)).isInstanceOf(Lookup.Found.class);
        clock.advance(Duration.ofHours(1)); // expiry takes effect at its instant, with no refresh
        assertRefused(d.authenticate(expiring), Lookup.Reason.EXPIRED, 401, "key_expired",
                "API key 'key-e' expired at 2026-01-01T01:00:00Z");
        assertRefused(d.authenticate(revoked), Lookup.Reason.REVOKED, 401, "key_revoked", "API key 'key-r' has been revoked");
        assertRefused(d.authenticate(inactive), Lookup.Reason.PROJECT_INACTIVE, 403, "project_inactive",
                "project 'project-off' of this API key is inactive");
        assertRefused(d.authenticate(orphan), Lookup.Reason.PROJECT_INACTIVE, 403, "project_inactive",
                "project 'deleted' of this API key is inactive");
        assertRefused(d.authenticate("sk-sb-nobody"), Lookup.Reason.UNKNOWN, 401, "invalid_api_key", "invalid API key");
    }

    private static void assertRefused(Lookup l, Lookup.Reason reason, int status, String code, String message) {
        assertThat(l).isInstanceOf(Lookup.Refused.class);
        Lookup.Refused r = (Lookup.Refused) l;
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.reason().status()).isEqualTo(status);
        GatewayError e = r.error();
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.kind()).isEqualTo(status == 401 ? ErrorKind.AUTHENTICATION : ErrorKind.PERMISSION);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message).doesNotContain("sk-sb-");
    }

    @Test
    void aFailingSourceKeepsServingWhatItLastListed() {
        String secret = "sk-sb-survivor-0123456789";
        MutableSource store = new MutableSource();
        store.listing.set(new TenantSource.Listing(List.of(), List.of(stored(secret, "s", null))));
        TenantDirectory d = new TenantDirectory(List.of(store), keys, clock);
        d.refresh();

        store.failure = new IllegalStateException("Connection to jdbc:postgresql://sb:hunter2@db:5432/sb refused");
        assertThat(d.refresh()).isFalse();
        assertThat(d.refresh()).isFalse();
        assertThat(d.authenticate(secret)).isInstanceOf(Lookup.Found.class);

        store.failure = null;
        store.listing.set(new TenantSource.Listing(List.of(), List.of(with(stored(secret, "s", null), null, true))));
        assertThat(d.refresh()).isTrue();
        assertThat(d.authenticate(secret)).isInstanceOf(Lookup.Refused.class);
    }

    @Test
    void earlierSourcesWinOnTheSameKeyOrProject() {
        String secret = "sk-sb-both-0123456789";
        TenantSource config = TenantSource.of("config file", new TenantSource.Listing(
                List.of(project("web", true)), List.of(stored(secret, "config:both", "web"))));
        MutableSource store = new MutableSource();
        store.listing.set(new TenantSource.Listing(List.of(project("web", false)),
                List.of(with(stored(secret, "stored", "web"), null, true), stored("sk-sb-other-0123456789", "o", "web"))));
        TenantDirectory d = new TenantDirectory(List.of(config, store), keys, clock);
        d.refresh();
        assertThat(((Lookup.Found) d.authenticate(secret)).tenant().key().id()).isEqualTo("config:both");
        assertThat(((Lookup.Found) d.authenticate("sk-sb-other-0123456789")).tenant().project().active())
                .as("a stored key in a config project").isTrue();
    }

    @Test
    void theStoreReportsUsageOfKeysAndProjectsDeclaredInTheConfigFile() {
        String secret = "sk-sb-configured-0123456789";
        TenantSource config = TenantSource.of("config file", new TenantSource.Listing(
                List.of(project("config:web", true)), List.of(stored(secret, "config:ci", "config:web"))));
        Consumption keyUsage = new Consumption(41, List.of());
        Consumption projectUsage = new Consumption(99, List.of());
        TenantSource store = TenantSource.of("store", new TenantSource.Listing(List.of(), List.of(), java.util.Map.of(
                Scope.keyCounterId("config:ci"), keyUsage, Scope.projectCounterId("config:web"), projectUsage)));
        TenantDirectory d = new TenantDirectory(List.of(config, store), keys, clock);
        d.refresh();
        Tenant t = ((Lookup.Found) d.authenticate(secret)).tenant();
        assertThat(t.key().consumption()).isEqualTo(keyUsage);
        assertThat(t.project().consumption()).isEqualTo(projectUsage);
    }
}
