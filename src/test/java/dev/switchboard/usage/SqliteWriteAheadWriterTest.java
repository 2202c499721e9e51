package dev.switchboard.usage;

/** The writer contract on SQLite with every record going through the spool first. */
class SqliteWriteAheadWriterTest extends SqliteUsageWriterTest {
    @Override
    boolean writeAhead() {
        return true;
    }
}
