package dev.switchboard.tenancy;

/**
 * Whether a tenant's request may go ahead under its key's and project's limits. (Named apart from the
 * pipeline's per-attempt admission, which decides whether a provider candidate may take an attempt.)
 */
public sealed interface TenantAdmission {
    /** Go ahead; settle the permit when the request ends. */
    record Admitted(Permit permit) implements TenantAdmission {}

    /** Refused with a 429; {@link Rejection#error()} and {@link Rejection#headers()} make the answer. */
    record Rejected(Rejection rejection) implements TenantAdmission {}
}
