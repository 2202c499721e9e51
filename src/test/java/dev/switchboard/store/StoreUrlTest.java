package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreUrlTest {
    @Test
    void sqliteFileUrls() {
        StoreUrl u = StoreUrl.parse("sqlite:./data/switchboard.db");
        assertThat(u.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(u.sqliteFile()).isEqualTo(Path.of("./data/switchboard.db"));
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:sqlite:./data/switchboard.db");
        assertThat(StoreUrl.parse("sqlite:/var/lib/sb.db").sqliteFile()).isEqualTo(Path.of("/var/lib/sb.db"));
    }

    @Test
    void postgresUrlsBecomeJdbcWithSeparateCredentials() {
        StoreUrl u = StoreUrl.parse("postgresql://app:p%40ss%3Aw0rd@db.internal:5433/switchboard?sslmode=require");
        assertThat(u.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/switchboard?sslmode=require");
        assertThat(u.user()).isEqualTo("app");
        assertThat(u.password()).isEqualTo("p@ss:w0rd");
        assertThat(u.toString()).doesNotContain("p@ss").contains("****");

        StoreUrl plain = StoreUrl.parse("postgres://postgres@127.0.0.1:5432/test");
        assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(plain.password()).isNull();

        StoreUrl multi = StoreUrl.parse("postgresql://h1:5432,h2:5432/db?targetServerType=primary");
        assertThat(multi.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5432/db?targetServerType=primary");
        assertThat(multi.user()).isNull();
    }

    @Test
    void passwordsInTheQueryAreMaskedToo() {
        assertThat(StoreUrl.parse("postgresql://h/db?user=a&password=hunter2&x=1").toString())
                .doesNotContain("hunter2").contains("password=****&x=1");
    }

    @Test
    void rejectsWhatItCannotOpenWithoutEchoingSecrets() {
        assertThatThrownBy(() -> StoreUrl.parse("mysql://u:secret@h/db")).hasMessageContaining("sqlite:")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> StoreUrl.parse("sqlite:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreUrl.parse("postgresql://u@h:5432/")).hasMessageContaining("database");
        assertThatThrownBy(() -> StoreUrl.parse("postgresql:///db")).hasMessageContaining("host");
        assertThatThrownBy(() -> StoreUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void csvCellsAreQuotedAndDefusedAgainstFormulas() {
        assertThat(UsageCsv.text("plain")).isEqualTo("plain");
        assertThat(UsageCsv.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(UsageCsv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(UsageCsv.text("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(UsageCsv.text("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(UsageCsv.text(null)).isEmpty();
    }
}
