package io.wsroute.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a multi-document YAML text into parts that can be read on their own, at document start markers: a line
 * that begins with {@code ---} followed by a space, a tab or the line's end. SnakeYAML's scanner takes such a line
 * as a document start wherever it stands (a block scalar's content is indented at least one column, a plain
 * scalar ends there), and inside a quoted scalar or a flow collection it is a parse error, which the caller
 * settles by reading the whole text in one piece. Parts keep their first line's number, so positions stay those
 * of the whole text.
 */
final class DocumentChunks {

    /**
     * One part of the text.
     *
     * @param text the part, from a marker line (or the text's start) up to the next cut
     * @param firstLine how many lines of the whole text come before it, counted as SnakeYAML counts them
     */
    record Chunk(String text, int firstLine) {}

    private static final String MARKER = "---";

    private DocumentChunks() {}

    /** At most {@code parts} chunks of about equal length; one chunk when the text has no marker to cut at. */
    static List<Chunk> split(String text, int parts) {
        List<Chunk> chunks = new ArrayList<>();
        int start = 0;
        int firstLine = 0;
        for (int part = 1; part < parts; part++) {
            int cut = markerAtOrAfter(text, Math.max(start + 1, (int) ((long) text.length() * part / parts)));
            if (cut < 0) {
                break;
            }
            chunks.add(new Chunk(text.substring(start, cut), firstLine));
            firstLine += lineBreaks(text, start, cut);
            start = cut;
        }
        chunks.add(new Chunk(text.substring(start), firstLine));
        return chunks;
    }

    /** The start of the first marker line at or after {@code from}, or -1. */
    static int markerAtOrAfter(String text, int from) {
        for (int i = text.indexOf('\n' + MARKER, from - 1); i >= 0; i = text.indexOf('\n' + MARKER, i + 1)) {
            int start = i + 1;
            int after = start + MARKER.length();
            if (start >= from && (after == text.length() || endsMarker(text.charAt(after)))) {
                return start;
            }
        }
        return -1;
    }

    /** SnakeYAML: a document marker is followed by a blank or a line break (or the end). */
    private static boolean endsMarker(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Line breaks in {@code text[from, to)} as SnakeYAML's reader counts them for its marks: LF, NEL, LS, PS, and
     * a CR that a character other than LF follows.
     */
    static int lineBreaks(String text, int from, int to) {
        int lines = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                lines++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                lines++;
            }
        }
        return lines;
    }
}
