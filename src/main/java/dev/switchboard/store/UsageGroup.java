package dev.switchboard.store;

/**
 * One group of a grouped usage query.
 *
 * @param group the key id, project id, model, provider or UTC day (yyyy-MM-dd); null for rows without one
 * @param label a name to show: the key's or project's name where known, else the group value
 */
public record UsageGroup(GroupBy by, String group, String label, UsageTotals totals) {}
