/**
 * Usage and cost: what each request used and cost, recorded once, in the background.
 *
 * <pre>{@code
 * PricingTable prices = PricingTable.load(overridesFromConfig);      // bundled, dated table + overrides
 * CostCalculator costs = new CostCalculator(prices);
 * UsageWriter writer = UsageWriter.start(new StoreUsageSink(store.usage()),
 *         WriterSettings.defaults(Path.of("./data/usage-spool.jsonl")), clock);
 * // per request, on any path, once:
 * writer.submit(UsageRecord.builder(requestId, startedAt)        // the gateway's own, unique id
 *         .clientRequestId(clientsXRequestId)                      // or null; not unique, never a key
 *         .key(keyId, keyName, projectId).route(provider, upstreamModel, requestedModel)
 *         .call(endpoint, clientFormat, stream).outcome(status, errorKind, attempts)
 *         .billed(usage, costs.cost(upstreamModel, usage)).timing(latencyMs, ttfbMs)
 *         .bodies(logBodies ? RequestBodies.capture(reqBody, respBody, cap) : null)
 *         .build());
 * // at shutdown, after the server stopped taking requests:
 * writer.close();
 * }</pre>
 * {@link dev.switchboard.usage.TokenEstimator} supplies {@code estimated} usage where the provider gave none.
 */
package dev.switchboard.usage;
