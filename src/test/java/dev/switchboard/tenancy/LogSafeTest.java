package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void masksPasswordsAndKeysInExceptionText() {
        Exception e = new IllegalStateException("cannot open postgresql://sb:hunter2@db:5432/sb",
                new SQLException("FATAL: password=hunter2; key sk-sb-AbCdEfGh12345678 rejected"));
        String text = LogSafe.describe(e);
        assertThat(text).doesNotContain("hunter2").doesNotContain("AbCdEfGh12345678")
                .isEqualTo("IllegalStateException: cannot open postgresql://sb:****@db:5432/sb (caused by "
                        + "SQLException: FATAL: password=****; key sk-**** rejected)");
        assertThat(LogSafe.describe(new RuntimeException())).isEqualTo("RuntimeException");
    }
}
