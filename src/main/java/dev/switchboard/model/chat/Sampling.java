package dev.switchboard.model.chat;

/** Sampling parameters; null means unset. Encoders clamp into the target's accepted range. */
public record Sampling(Double temperature, Double topP, Integer topK, Long seed, Integer n,
        Double presencePenalty, Double frequencyPenalty) {
    public static final Sampling NONE = new Sampling(null, null, null, null, null, null, null);
}
