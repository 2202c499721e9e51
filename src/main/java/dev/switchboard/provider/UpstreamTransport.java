package dev.switchboard.provider;

/** Sends upstream requests; the HTTP implementation lives with the server, the mock is in-process. */
public interface UpstreamTransport {
    UpstreamCall send(UpstreamRequest request, UpstreamListener listener);
}
