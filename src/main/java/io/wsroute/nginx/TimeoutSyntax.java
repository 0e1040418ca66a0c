package io.wsroute.nginx;

import java.time.Duration;
import java.util.Optional;

/** The two ways the controllers read a timeout annotation, and what each does with a value it cannot read. */
public enum TimeoutSyntax {
    /** ingress-nginx: Go's {@code strconv.Atoi}; anything else is silently replaced by the default. */
    INTEGER_SECONDS {
        @Override
        public Optional<Duration> parse(String value) {
            return NginxTime.parseSeconds(value);
        }

        @Override
        public String format(Duration value) {
            return Long.toString(value.getSeconds());
        }
    },
    /** The F5 controller: nginx time ({@code 3600s}, {@code 1h}); anything else rejects the whole Ingress. */
    NGINX_TIME {
        @Override
        public Optional<Duration> parse(String value) {
            return NginxTime.parse(value);
        }

        @Override
        public String format(Duration value) {
            return value.getSeconds() + "s";
        }
    };

    /** The value as the controller reads it; empty when it would not use it. */
    public abstract Optional<Duration> parse(String value);

    /** A timeout as the controller wants it written. */
    public abstract String format(Duration value);
}
