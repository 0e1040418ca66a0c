package io.wsroute.cli;

/** Input lint cannot read or cannot trust: missing file, syntax error, a limit exceeded, an invalid object. Exit 2. */
final class UnreadableInput extends Exception {

    UnreadableInput(String message) {
        super(message);
    }
}
