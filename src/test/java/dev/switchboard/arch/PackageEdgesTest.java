package dev.switchboard.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps the import edges of DESIGN.md's package table true. */
class PackageEdgesTest {
    private static final String ROOT = "dev.switchboard";
    private static final List<String> ALL = List.of(
            "model", "format", "sse", "provider", "routing", "resilience", "tenancy", "usage", "cache", "store",
            "config", "pipeline", "server", "cli");

    /** package → the packages of ours it may import (itself always allowed). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("model", Set.of()),
            Map.entry("sse", Set.of()),
            Map.entry("format", Set.of("model", "sse")),
            Map.entry("provider", Set.of("model", "format", "sse")),
            Map.entry("routing", Set.of("model", "config")),
            Map.entry("resilience", Set.of("model")),
            Map.entry("tenancy", Set.of("store", "model")),
            Map.entry("usage", Set.of("store", "model")),
            Map.entry("cache", Set.of("model")),
            Map.entry("store", Set.of()),
            Map.entry("config", Set.of("model")),
            Map.entry("pipeline", Set.of("model", "format", "sse", "provider", "routing", "resilience", "tenancy",
                    "usage", "cache", "store", "config")),
            // server.redis implements resilience.SharedHealth and tenancy's limit counters and change feed
            // (only server may touch Vert.x's Redis client); the admin API reads and writes through tenancy/usage/store
            Map.entry("server", Set.of("pipeline", "model", "config", "provider", "format", "sse", "resilience",
                    "tenancy", "usage", "store")),
            Map.entry("cli", Set.of("server", "config", "model")));

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageImportsOnlyWhatDesignAllows() {
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : ALL) {
                if (!other.equals(e.getKey()) && !e.getValue().contains(other)) {
                    forbidden.add(ROOT + "." + other + "..");
                }
            }
            noClasses().that().resideInAPackage(ROOT + "." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(true)
                    .because("DESIGN.md: " + e.getKey() + " may import only " + e.getValue())
                    .check(classes);
        }
    }

    @Test
    void onlyTheServerTouchesVertxAndNetty() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..")
                .because("codecs and the pipeline stay testable without a socket")
                .check(classes);
    }
}
