package io.wsroute.route.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Session affinity, for protocols (Socket.IO, SignalR) whose fallback transports need the same pod again. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSessionAffinity(
        @Default("None") @JsonPropertyDescription("None (default) or Cookie.")
        Type type,

        @Size(min = 1, max = 64)
        @Pattern(RouteGrammar.COOKIE_NAME)
        @JsonPropertyDescription("Name of the affinity cookie. Default: wsroute-affinity.")
        String cookieName) {

    public static final String DEFAULT_COOKIE = "wsroute-affinity";

    public enum Type {
        None,
        Cookie
    }

    public boolean cookie() {
        return type == Type.Cookie;
    }

    public String cookieNameOrDefault() {
        return cookieName == null ? DEFAULT_COOKIE : cookieName;
    }
}
