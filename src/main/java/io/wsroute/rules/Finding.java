package io.wsroute.rules;

/**
 * One problem found on an object.
 *
 * @param rule stable rule id, e.g. {@code WS101}
 * @param field where the problem is, as a path into the object
 *        ({@code metadata.annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]})
 * @param message what is wrong and what it does to WebSocket traffic
 * @param fix the change that repairs it
 */
public record Finding(
        String rule,
        Severity severity,
        String kind,
        String namespace,
        String name,
        String field,
        String message,
        String fix) {

    /** One line for logs, denials and the text output of lint. */
    public String summary() {
        return "%s %s: %s (%s). Fix: %s".formatted(rule, severity.label(), message, field, fix);
    }
}
