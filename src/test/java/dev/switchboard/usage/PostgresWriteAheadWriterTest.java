package dev.switchboard.usage;

/** The writer contract on PostgreSQL with every record going through the spool first. */
class PostgresWriteAheadWriterTest extends PostgresUsageWriterTest {
    @Override
    boolean writeAhead() {
        return true;
    }
}
