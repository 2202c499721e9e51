package dev.switchboard.pipeline;

import dev.switchboard.model.Usage;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.usage.Cost;
import dev.switchboard.usage.CostCalculator;
import dev.switchboard.usage.UsageRecord;
import dev.switchboard.usage.UsageWriter;
import java.math.BigDecimal;

/**
 * The money side of a finished request: its cost from the pricing table, the tenant's limits settled
 * with the real tokens and cost, and the one usage record handed to the background writer.
 */
final class Accounting {
    private final CostCalculator costs;
    private final UsageWriter writer;

    Accounting(CostCalculator costs, UsageWriter writer) {
        this.costs = costs;
        this.writer = writer;
    }

    void account(RequestRecord r, Permit permit) {
        Usage usage = r.usage() == null ? Usage.NONE : r.usage();
        Cost cost = r.usage() == null || r.upstreamModel() == null ? Cost.UNPRICED : costs.cost(r.upstreamModel(), usage);
        permit.settle(usage.input() + usage.output(), cost.priced() ? cost.usd() : BigDecimal.ZERO);
        writer.submit(UsageRecord.builder(r.requestId(), r.startedAt())
                .clientRequestId(r.clientRequestId())
                .key(r.keyId(), r.keyName(), r.projectId())
                .route(r.provider(), r.upstreamModel(), r.requestedModel())
                .call(r.endpoint(), r.format(), r.stream())
                .outcome(r.status(), r.errorKind(), r.attempts())
                .billed(usage, cost)
                .timing(millis(r.totalMillis()), millis(r.ttfbMillis()))
                .build());
    }

    private static Long millis(double ms) {
        return ms < 0 ? null : Math.round(ms);
    }
}
