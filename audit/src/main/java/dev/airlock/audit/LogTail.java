package dev.airlock.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The end of the log, read backwards so an append costs the same however long the log is.
 *
 * @param size the file size
 * @param completeEnd the offset just after the last newline (0 if none): bytes after it are an
 *     incomplete line left by an interrupted write
 * @param last the last complete line, without its newline, if there is one
 */
record LogTail(long size, long completeEnd, Optional<byte[]> last) {

    private static final int BLOCK = 8192;

    long partialBytes() {
        return size - completeEnd;
    }

    static LogTail read(FileChannel ch) throws IOException {
        long size = ch.size();
        long completeEnd = lastNewlineBefore(ch, size) + 1;
        if (completeEnd == 0) {
            return new LogTail(size, 0, Optional.empty());
        }
        long start = lastNewlineBefore(ch, completeEnd - 1) + 1;
        return new LogTail(size, completeEnd, Optional.of(readRange(ch, start, completeEnd - 1)));
    }

    /** The offset just after the last newline, 0 if there is none. */
    static long completeEnd(FileChannel ch) throws IOException {
        return lastNewlineBefore(ch, ch.size()) + 1;
    }

    /** The last {@code n} complete lines, oldest first. */
    static List<byte[]> lastLines(FileChannel ch, int n) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        long end = lastNewlineBefore(ch, ch.size()); // the newline ending the last complete line
        while (end >= 0 && lines.size() < n) {
            long start = lastNewlineBefore(ch, end) + 1;
            lines.add(readRange(ch, start, end));
            end = start - 1;
        }
        Collections.reverse(lines);
        return lines;
    }

    static byte[] readRange(FileChannel ch, long from, long to) throws IOException {
        long length = to - from;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("a line of " + length + " bytes is too long to be an audit record");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, from + buf.position()) < 0) {
                throw new IOException("the log shrank while it was being read");
            }
        }
        return buf.array();
    }

    /** The offset of the last '\n' before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(BLOCK, pos);
            long start = pos - n;
            buf.clear().limit(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf, start + buf.position()) < 0) {
                    throw new IOException("the log shrank while it was being read");
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return start + i;
                }
            }
            pos = start;
        }
        return -1;
    }
}
