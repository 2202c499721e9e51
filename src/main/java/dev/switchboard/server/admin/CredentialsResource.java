package dev.switchboard.server.admin;

import dev.switchboard.server.admin.AdminChanges.Target;
import dev.switchboard.store.CredentialRow;
import dev.switchboard.store.Store;
import dev.switchboard.tenancy.CredentialCipher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code /admin/v1/credentials}: upstream provider keys, sealed with AES-GCM under the master key before
 * they reach the store and shown only masked. Without {@code SWITCHBOARD_MASTER_KEY} nothing is stored
 * (503): a key kept in clear would defeat the point.
 */
final class CredentialsResource {
    /** Provider names as the config file writes them. */
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int MAX_SECRET = 8 * 1024;

    private final Store store;
    private final Optional<CredentialCipher> cipher;
    private final Predicate<String> providerExists;
    private final AdminChanges changes;
    private final Ids ids;
    private final Clock clock;

    CredentialsResource(Store store, Optional<CredentialCipher> cipher, Predicate<String> providerExists,
            AdminChanges changes, Ids ids, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.providerExists = providerExists;
        this.changes = changes;
        this.ids = ids;
        this.clock = clock;
    }

    /** The context a credential is sealed for: whoever opens it must name the same row. */
    static String context(String id) {
        return "credential:" + id;
    }

    AdminReply list(AdminCall call) {
        String provider = call.params().only(Set.of("provider")).text("provider");
        var out = AdminViews.object("list");
        var data = out.putArray("data");
        store.credentials().list(provider).forEach(c -> data.add(AdminViews.credential(c)));
        out.put("has_more", false);
        return AdminReply.ok(out);
    }

    AdminReply create(AdminCall call) {
        call.params().only(Set.of());
        CredentialCipher c = cipher.orElseThrow(() -> AdminProblem.unavailable("provider credentials cannot be stored: "
                + "set " + CredentialCipher.ENV + " (e.g. openssl rand -base64 32) on every instance and restart"));
        JsonInput body = call.json();
        String provider = body.text("provider", 64, true);
        if (!PROVIDER.matcher(provider).matches() || !providerExists.test(provider)) {
            throw AdminProblem.invalid("'provider' names no provider of the configuration", "provider");
        }
        String name = body.text("name", Inputs.MAX_NAME, true);
        String secret = body.secret("key", MAX_SECRET);
        body.finish();
        if (store.credentials().list(provider).stream().anyMatch(r -> r.name().equals(name))) {
            throw AdminProblem.conflict("provider " + provider + " has a credential with this name already", "name");
        }
        String id = ids.next("cred");
        byte[] sealed = c.encrypt(secret, context(id)).getBytes(StandardCharsets.UTF_8);
        CredentialRow row = new CredentialRow(id, provider, name, sealed, 1, CredentialCipher.mask(secret),
                clock.instant());
        store.credentials().insert(row);
        changes.audited(call.actor(), "credential.create", Target.credential(id), AdminViews.credential(row));
        return AdminReply.created(AdminViews.credential(row));
    }

    AdminReply delete(AdminCall call) {
        call.params().only(Set.of());
        String id = call.id();
        CredentialRow row = (Inputs.isId(id) ? store.credentials().find(id) : Optional.<CredentialRow>empty())
                .orElseThrow(() -> AdminProblem.notFound("no credential with that id"));
        if (!store.credentials().delete(row.id())) {
            throw AdminProblem.notFound("no credential with id " + row.id());
        }
        changes.audited(call.actor(), "credential.delete", Target.credential(row.id()), AdminViews.credential(row));
        return AdminReply.ok(AdminViews.object("credential").put("id", row.id()).put("deleted", true));
    }
}
