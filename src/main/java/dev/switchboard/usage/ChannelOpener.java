package dev.switchboard.usage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** How the spool opens its files: {@link FileChannel#open} in production, a failing or wrapping one in tests. */
@FunctionalInterface
interface ChannelOpener {
    ChannelOpener FILES = FileChannel::open;

    FileChannel open(Path file, OpenOption... options) throws IOException;
}
