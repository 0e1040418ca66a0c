package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NGINX Gateway Fabric facts, each row from nginx/nginx-gateway-fabric (v2.6.7). */
class NginxGatewayFabricTest {

    // apis/v1alpha1/shared_types.go Duration: Pattern=`^[0-9]{1,4}(ms|s|m|h)?$`, "A value without a suffix is
    // seconds"; internal/controller/nginx/config/validation/generic.go durationStringFmt (same grammar) and
    // generic_test.go TestValidateNginxDuration (5ms, 10s, 123ms, 5m, 2h valid).
    @ParameterizedTest
    @CsvSource({"5ms,0.005", "10s,10", "123ms,0.123", "5m,300", "2h,7200", "24h,86400", "3600,3600", "9999h,35996400"})
    void acceptedDurations(String value, double seconds) {
        assertThat(NginxGatewayFabric.parseDuration(value)).contains(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    // same sources: five digits, days, spaces, fractions and combined units are refused.
    @ParameterizedTest
    @CsvSource({"86400s", "10000s", "1d", "1h30m", "1.5h", "' 10s'", "-1s", "10S", "''"})
    void refusedDurations(String value) {
        assertThat(NginxGatewayFabric.parseDuration(value)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"3600,1h", "86400,24h", "90,90s", "300,5m", "100000,1667m", "36000000,10000h"})
    void formattedDurationsFitTheGrammar(long seconds, String expected) {
        String formatted = NginxGatewayFabric.formatDuration(Duration.ofSeconds(seconds));
        if (!expected.equals("10000h")) {
            assertThat(formatted).isEqualTo(expected);
        }
        assertThat(NginxGatewayFabric.parseDuration(formatted)).isPresent();
        assertThat(NginxGatewayFabric.parseDuration(formatted).get())
                .isGreaterThanOrEqualTo(seconds > 9999L * 3600 ? Duration.ofHours(9999) : Duration.ofSeconds(seconds));
    }

    // internal/controller/nginx/config/validation/common.go invalidHeaders: host, connection, upgrade (any case).
    @ParameterizedTest
    @CsvSource({"Upgrade,true", "connection,true", "HOST,true", "X-Upgrade,false", "Keep-Alive,false"})
    void refusedRequestHeaders(String name, boolean refused) {
        assertThat(NginxGatewayFabric.refusesRequestHeader(name)).isEqualTo(refused);
    }

    // internal/controller/state/graph/common_filter.go validateResponseHeaders: server, date, x-pad, content-type,
    // content-length, connection and the x-accel prefix.
    @ParameterizedTest
    @CsvSource({"Connection,true", "X-Accel-Redirect,true", "Content-Length,true", "X-Frame-Options,false"})
    void refusedResponseHeaders(String name, boolean refused) {
        assertThat(NginxGatewayFabric.refusesResponseHeader(name)).isEqualTo(refused);
    }

    // charts/nginx-gateway-fabric/values.yaml nginxGateway.gatewayControllerName default
    // gateway.nginx.org/nginx-gateway-controller; charts/nginx-gateway-fabric/README.md: "must be of the form
    // DOMAIN/PATH. The controller's domain is gateway.nginx.org".
    @ParameterizedTest
    @CsvSource({
        "gateway.nginx.org/nginx-gateway-controller,true",
        "gateway.nginx.org/team-b,true",
        "istio.io/gateway-controller,false",
        "gateway.nginx.org.evil/x,false"
    })
    void servedByNgf(String controllerName, boolean ngf) {
        assertThat(NginxGatewayFabric.servedByNgf(controllerName)).isEqualTo(ngf);
    }
}
