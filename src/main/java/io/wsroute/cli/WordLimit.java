package io.wsroute.cli;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a read at a run of more than {@code max} characters without a space or line break, which SnakeYAML would
 * take quadratic time over (see {@link Limits#maxWord()}).
 */
final class WordLimit extends FilterReader {

    /** Unchecked, so that it passes through SnakeYAML, which wraps only IOException. */
    static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }

    private final int max;
    private int run;
    private int line = 1;

    WordLimit(Reader in, int max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    private void count(char c) {
        if (c == '\n') {
            line++;
        }
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            run = 0;
        } else if (++run > max) {
            throw new Exceeded("line %d: more than %d characters without a space or line break".formatted(line, max));
        }
    }
}
