package dev.switchboard.store;

/** A request-log line: the request's metadata and whether its bodies were kept. */
public record RequestLogEntry(UsageRow request, boolean hasBodies) {}
