package dev.switchboard.config;

/** How a provider is reached: over HTTP, in-process (mock), or a local llama.cpp server. */
public enum ProviderKind {
    HTTP,
    MOCK,
    LLAMACPP
}
