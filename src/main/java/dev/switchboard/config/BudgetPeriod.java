package dev.switchboard.config;

/** How often a budget starts over: each period begins at 00:00 UTC (weeks on Monday, months on the 1st). */
public enum BudgetPeriod {
    DAY,
    WEEK,
    MONTH
}
