package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Enum constants as the file spells them: {@code ROUND_ROBIN} is {@code round-robin}. */
final class EnumNames {
    private EnumNames() {}

    static String configName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (configName(e).equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** "openai | anthropic | gemini", for messages. */
    static <E extends Enum<E>> String choices(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(configName(e));
        }
        return String.join(" | ", names);
    }
}
