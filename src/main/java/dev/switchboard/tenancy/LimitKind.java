package dev.switchboard.tenancy;

/** Which limit refused a request. */
public enum LimitKind {
    RPM,
    TPM,
    CONCURRENCY,
    MAX_REQUESTS,
    BUDGET;

    /** "rpm", "max_requests", …: as the config file spells it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
