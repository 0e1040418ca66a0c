package io.wsroute.nginx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Splits nginx configuration text (a snippet) into directives the way nginx's own tokenizer does, closely enough
 * to judge what a snippet does: words are separated by whitespace, {@code "..."} and {@code '...'} are single
 * words with backslash escapes, {@code #} at the start of a word comments out the rest of the line, {@code ;} ends
 * a directive and {@code { }} open and close blocks. It never fails: unbalanced text yields what it could read.
 */
final class NginxDirectives {

    /**
     * @param name the directive name, lower-cased
     * @param args its arguments with quotes removed
     * @param blocks the names of the enclosing blocks, outermost first ({@code if}, {@code location}, ...)
     * @param text the directive as written (quotes kept, comments dropped, one space between words), for messages
     */
    record Directive(String name, List<String> args, List<String> blocks, String text) {

        String arg(int index) {
            return index < args.size() ? args.get(index) : "";
        }
    }

    private NginxDirectives() {}

    static List<Directive> parse(String config) {
        return new Reader(config).read();
    }

    /** One pass over the text; state is the words of the current directive and the stack of open blocks. */
    private static final class Reader {
        private final String text;
        private final List<Directive> directives = new ArrayList<>();
        private final Deque<String> blocks = new ArrayDeque<>();
        private final List<String> words = new ArrayList<>();
        /** The same words as written (quotes kept), for {@link Directive#text()}. */
        private final List<String> written = new ArrayList<>();

        private int position;

        Reader(String text) {
            this.text = text == null ? "" : text;
        }

        List<Directive> read() {
            while (position < text.length()) {
                char c = text.charAt(position);
                if (Character.isWhitespace(c)) {
                    position++;
                } else if (c == '#') {
                    skipComment();
                } else if (c == ';') {
                    position++;
                    emit();
                } else if (c == '{') {
                    position++;
                    blocks.addLast(words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT));
                    clear();
                } else if (c == '}') {
                    position++;
                    emit();
                    blocks.pollLast();
                } else {
                    int start = position;
                    words.add(c == '"' || c == '\'' ? quoted(c) : word());
                    written.add(text.substring(start, Math.min(position, text.length())));
                }
            }
            emit();
            return directives;
        }

        private void skipComment() {
            while (position < text.length() && text.charAt(position) != '\n') {
                position++;
            }
        }

        private String quoted(char quote) {
            StringBuilder value = new StringBuilder();
            position++;
            while (position < text.length() && text.charAt(position) != quote) {
                char c = text.charAt(position++);
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                value.append(c);
            }
            position++;
            return value.toString();
        }

        /** A bare word; {@code ${name}} keeps its braces, as nginx does for variables. */
        private String word() {
            int start = position;
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '{' && position > start && text.charAt(position - 1) == '$') {
                    int close = text.indexOf('}', position);
                    position = close < 0 ? text.length() : close + 1;
                    continue;
                }
                if (Character.isWhitespace(c) || c == ';' || c == '{' || c == '}') {
                    break;
                }
                position++;
            }
            return text.substring(start, position);
        }

        private void emit() {
            if (!words.isEmpty()) {
                directives.add(new Directive(
                        words.get(0).toLowerCase(Locale.ROOT),
                        List.copyOf(words.subList(1, words.size())),
                        List.copyOf(blocks),
                        String.join(" ", written)));
            }
            clear();
        }

        private void clear() {
            words.clear();
            written.clear();
        }
    }
}
