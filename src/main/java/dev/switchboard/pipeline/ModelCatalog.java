package dev.switchboard.pipeline;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ModelRoute;
import dev.switchboard.format.openai.OpenAiModels;
import dev.switchboard.provider.Provider;
import dev.switchboard.routing.Glob;
import dev.switchboard.routing.ModelResolver;
import dev.switchboard.routing.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The model names a caller may use: aliases and each provider's listed (non-glob) models. */
final class ModelCatalog {
    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final ModelResolver resolver;
    private final long created;

    ModelCatalog(GatewayConfig config, Upstreams upstreams, ModelResolver resolver, long created) {
        this.config = config;
        this.upstreams = upstreams;
        this.resolver = resolver;
        this.created = created;
    }

    List<OpenAiModels.Entry> list(Principal principal) {
        List<OpenAiModels.Entry> out = new ArrayList<>();
        for (ModelRoute alias : config.models().values()) {
            if (!Glob.isGlob(alias.name()) && principal.mayList(alias.name())) {
                out.add(new OpenAiModels.Entry(alias.name(), "switchboard", created));
            }
        }
        for (Provider p : upstreams.all()) {
            for (String m : p.models()) {
                String id = p.name() + "/" + m;
                if (!Glob.isGlob(m) && principal.mayList(id)) {
                    out.add(new OpenAiModels.Entry(id, p.name(), created));
                }
            }
        }
        return out;
    }

    Optional<OpenAiModels.Entry> find(Principal principal, String id) {
        Optional<Route> route = resolver.resolve(id);
        if (route.isEmpty() || !principal.mayUse(route.get())) {
            return Optional.empty();
        }
        String owner = config.models().containsKey(id) ? "switchboard" : route.get().candidates().get(0).provider();
        return Optional.of(new OpenAiModels.Entry(id, owner, created));
    }
}
