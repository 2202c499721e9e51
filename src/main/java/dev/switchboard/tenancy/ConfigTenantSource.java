package dev.switchboard.tenancy;

import java.util.List;
import java.util.function.Supplier;

/**
 * The keys and projects declared in the config file. Their counter ids are {@code config:key:<name>}
 * and {@code config:project:<name>}, stable across reloads, so limits and spend carry over.
 */
public final class ConfigTenantSource implements TenantSource {
    private final Supplier<Listing> listing;

    /** @param listing the config's current keys and projects (the caller converts its config records) */
    public ConfigTenantSource(Supplier<Listing> listing) {
        this.listing = listing;
    }

    public static String keyId(String name) {
        return "config:key:" + name;
    }

    public static String projectId(String name) {
        return "config:project:" + name;
    }

    @Override
    public Listing list() {
        return listing.get();
    }

    @Override
    public String describe() {
        return "config file";
    }

}
