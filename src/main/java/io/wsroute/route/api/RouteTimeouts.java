package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Idle timeouts of an upgraded connection, as durations ({@code 1h}, {@code 90s}, {@code 1h30m}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteTimeouts(
        @Size(max = 20)
        @Pattern(RouteGrammar.DURATION)
        @JsonPropertyDescription(
                "Longest time the proxy waits for the backend to send anything (nginx proxy_read_timeout). Default: wsroute's configured minimum idle timeout (1h unless configured otherwise); a lower value is applied and reported as warning WS103 in the Ready condition; at most 24h.")
        String idle,

        @Size(max = 20)
        @Pattern(RouteGrammar.DURATION)
        @JsonPropertyDescription(
                "Longest time one write to the backend may block (nginx proxy_send_timeout). Default: the idle timeout.")
        String send) {}
