package io.wsroute.nginx;

/**
 * One reason the F5 NGINX Ingress Controller rejects an Ingress, as its validation reports it (a Kubernetes field
 * error on {@code annotations.<key>}).
 *
 * @param annotation the annotation key
 * @param type how the controller words it: Invalid value, Forbidden or Required value
 * @param value the offending value (for {@link Type#INVALID}; the controller quotes it Go-style)
 * @param detail the controller's own reason, e.g. {@code must be a time}
 */
public record NginxIncProblem(String annotation, Type type, String value, String detail) {

    /** The detail of the controller's "requires NGINX Plus" rejection. */
    public static final String REQUIRES_PLUS = "annotation requires NGINX Plus";

    public enum Type {
        INVALID("Invalid value"),
        FORBIDDEN("Forbidden"),
        REQUIRED("Required value");

        private final String label;

        Type(String label) {
            this.label = label;
        }
    }

    static NginxIncProblem invalid(String annotation, String value, String detail) {
        return new NginxIncProblem(annotation, Type.INVALID, value, detail);
    }

    static NginxIncProblem forbidden(String annotation, String detail) {
        return new NginxIncProblem(annotation, Type.FORBIDDEN, null, detail);
    }

    static NginxIncProblem required(String annotation) {
        return new NginxIncProblem(annotation, Type.REQUIRED, null, "");
    }

    /** True when the only reason is that the controller runs NGINX OSS. */
    public boolean needsPlus() {
        return type == Type.FORBIDDEN && REQUIRES_PLUS.equals(detail);
    }

    /** The error as the controller prints it, e.g. {@code annotations.nginx.org/keepalive: Invalid value: "x": ...}. */
    public String message() {
        String path = "annotations." + annotation + ": ";
        return switch (type) {
            case INVALID -> path + type.label + ": " + goQuote(value) + ": " + detail;
            case FORBIDDEN -> path + type.label + ": " + detail;
            case REQUIRED -> path + type.label + (detail.isEmpty() ? "" : ": " + detail);
        };
    }

    /** Go's %q of a string: double quotes, with quotes, backslashes and control characters escaped. */
    static String goQuote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\x%02x".formatted(c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
