package dev.airlock.cli.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * A stream cut into blocks of whole lines, without looking at the lines themselves: each block is
 * what was read, up to its last line terminator, and the unfinished line moves on to the next
 * block. A block grows past its usual size only to hold a line longer than that. Finding line ends
 * is left to whoever reads the block: it walks every line anyway.
 */
public final class LineBlocks {

    /** The first {@code length} bytes of {@code bytes}: whole lines, the input's last perhaps unterminated. */
    public record Block(byte[] bytes, int length) {}

    /** Large enough that handing a block to a thread costs little beside deciding its lines. */
    static final int SIZE = 1 << 18;

    private final InputStream in;
    private final int size;
    private byte[] buf;
    private int end;
    /** Below this index the buffer holds no line terminator that could end a block. */
    private int searched;
    private boolean eof;

    public LineBlocks(InputStream in) {
        this(in, SIZE);
    }

    LineBlocks(InputStream in, int size) {
        this.in = in;
        this.size = size;
        this.buf = new byte[size];
    }

    /** The next block, empty at the end of the stream. */
    public Optional<Block> next() throws IOException {
        while (true) {
            int cut = eof ? end : lastCut();
            if (cut > 0) {
                return Optional.of(take(cut));
            }
            if (eof) {
                return Optional.empty();
            }
            fill();
        }
    }

    /**
     * Just past the last line terminator, or 0 when there is none. A {@code \r} that ends what was
     * read may be the first half of {@code \r\n}, so the block cannot end there yet.
     */
    private int lastCut() {
        for (int i = end - 1; i >= searched; i--) {
            byte b = buf[i];
            if (b == '\n' || (b == '\r' && i < end - 1)) {
                return i + 1;
            }
        }
        // Only a long line gets here: the next search starts where this one ended.
        searched = Math.max(0, end - 1);
        return 0;
    }

    /**
     * Hands over the bytes before {@code cut}; what follows starts the next block. A full block takes
     * the buffer with it (no copy); a small one, as a slow pipe gives, is copied out, so that every
     * line arriving on its own does not cost a fresh buffer.
     */
    private Block take(int cut) {
        Block block;
        if (cut < size / 4) {
            block = new Block(Arrays.copyOf(buf, cut), cut);
            System.arraycopy(buf, cut, buf, 0, end - cut);
        } else {
            byte[] next = new byte[Math.max(size, 2 * (end - cut))];
            System.arraycopy(buf, cut, next, 0, end - cut);
            block = new Block(buf, cut);
            buf = next;
        }
        end -= cut;
        searched = 0;
        return block;
    }

    /**
     * Reads once (so that lines arriving slowly on a pipe are decided as they come), growing the
     * buffer when a line fills it.
     */
    private void fill() throws IOException {
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }
}
