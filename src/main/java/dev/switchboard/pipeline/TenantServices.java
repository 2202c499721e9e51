package dev.switchboard.pipeline;

import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.TenantDirectory;
import dev.switchboard.usage.UsageWriter;

/** The process-wide tenancy and accounting services a pipeline snapshot uses (they outlive reloads). */
public record TenantServices(TenantDirectory directory, LimitCounters limits, UsageWriter usage) {}
