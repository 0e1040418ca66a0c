package io.wsroute.rules;

import java.util.Locale;

public enum Severity {
    /** The setting breaks WebSocket traffic; denied in enforce mode. */
    ERROR,
    /** The setting degrades WebSocket traffic or may break it under conditions wsroute cannot see. */
    WARNING;

    /** Lower-case name as it appears in JSON output and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
