package dev.switchboard.routing;

/** One place a call may go: a provider and the model name it knows. */
public record Candidate(String provider, String upstreamModel) {
    /** The {@code provider/model} name, used for permission checks and metrics. */
    public String qualifiedName() {
        return provider + "/" + upstreamModel;
    }
}
