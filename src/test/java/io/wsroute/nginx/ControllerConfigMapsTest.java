package io.wsroute.nginx;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControllerConfigMapsTest {

    private static ControllerProfile ingressNginx(String... keyValues) {
        return read(INGRESS_NGINX, keyValues);
    }

    private static ControllerProfile read(ControllerFlavor flavor, String... keyValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put(keyValues[i], keyValues[i + 1]);
        }
        return ControllerConfigMaps.read(flavor, data, "cm", false);
    }

    @Test
    void emptyConfigMapGivesControllerDefaults() {
        ControllerProfile profile = ControllerConfigMaps.read(INGRESS_NGINX, null, "cm", false);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.proxySendTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofSeconds(240));
        assertThat(profile.proxyHttpVersion()).isEqualTo("1.1");
        assertThat(profile.snippetsAllowed()).isFalse();
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(profile.problems()).isEmpty();
        assertThat(profile.fromDefaults()).isFalse();
        assertThat(profile.source()).isEqualTo("cm");
    }

    @ParameterizedTest(name = "allow={0} risk={1}: {2}")
    @CsvSource({
        "true, Critical, true",
        "True, critical, true",
        "1, CRITICAL, true",
        "true, High, false",
        "true, , false",
        "false, Critical, false",
        "'', Critical, false",
        ", Critical, false"
    })
    void ingressNginxSnippetsNeedBothKeys(String allow, String risk, boolean allowed) {
        Map<String, String> data = new HashMap<>();
        if (allow != null) {
            data.put("allow-snippet-annotations", allow);
        }
        if (risk != null) {
            data.put("annotations-risk-level", risk);
        }
        assertThat(ControllerConfigMaps.read(INGRESS_NGINX, data, "cm", false).snippetsAllowed())
                .isEqualTo(allowed);
    }

    @Test
    void unknownRiskLevelIsReadAsLowTheStrictest() {
        ControllerProfile profile = ingressNginx("annotations-risk-level", "Extreme");
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(profile.problems())
                .singleElement()
                .asString()
                .startsWith("annotations-risk-level:")
                .contains("Low");
    }

    @Test
    void ingressNginxUnitTimeoutKeepsDefaultAndIsAProblem() {
        ControllerProfile profile = ingressNginx("proxy-read-timeout", "3600s", "proxy-send-timeout", "7200");
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.proxySendTimeout()).isEqualTo(Duration.ofSeconds(7200));
        assertThat(profile.problems()).singleElement().satisfies(p -> {
            assertThat(ControllerConfigMaps.problemKey(p)).isEqualTo("proxy-read-timeout");
            assertThat(p).contains("uses 60s");
        });
    }

    @Test
    void ingressNginxBadBooleanAndHttpVersionAreProblems() {
        ControllerProfile profile = ingressNginx(
                "allow-snippet-annotations",
                "yes",
                "proxy-http-version",
                "2.0",
                "worker-shutdown-timeout",
                "four minutes");
        assertThat(profile.problems())
                .extracting(ControllerConfigMaps::problemKey)
                .containsExactly("allow-snippet-annotations");
        // nginx.tmpl writes both as they stand (proxy_http_version, worker_shutdown_timeout): nginx refuses them
        assertThat(profile.reloadFailures())
                .extracting(ControllerConfigMaps::problemKey)
                .containsExactlyInAnyOrder("proxy-http-version", "worker-shutdown-timeout");
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofSeconds(240));
    }

    @Test
    void ingressNginxHttp10IsKept() {
        assertThat(ingressNginx("proxy-http-version", "1.0").proxyHttpVersion()).isEqualTo("1.0");
        assertThat(ingressNginx("proxy-http-version", "1.0").problems()).isEmpty();
    }

    @Test
    void nginxIncReadsNginxTimeAndSnippetFlag() {
        ControllerProfile profile = ControllerConfigMaps.read(
                NGINX_INC,
                Map.of(
                        "proxy-read-timeout",
                        "1h",
                        "proxy-send-timeout",
                        "90",
                        "worker-shutdown-timeout",
                        "5m",
                        "proxy-http-version",
                        "1.0"),
                "cm",
                true);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(profile.proxySendTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(profile.workerShutdownTimeout()).contains(Duration.ofMinutes(5));
        assertThat(profile.snippetsAllowed()).isTrue();
        assertThat(profile.proxyHttpVersion())
                .as("the F5 template always writes 1.1")
                .isEqualTo("1.1");
        assertThat(profile.riskLevel()).isEqualTo(RiskLevel.CRITICAL);
    }

    @Test
    void nginxIncDefaultsHaveNoWorkerShutdownTimeout() {
        assertThat(read(NGINX_INC).workerShutdownTimeout()).isEmpty();
        assertThat(ControllerProfile.defaults(NGINX_INC).workerShutdownTimeout())
                .isEmpty();
        assertThat(ControllerProfile.defaults(NGINX_INC).fromDefaults()).isTrue();
    }

    @Test
    void nginxIncInvalidTimeFailsTheReload() {
        ControllerProfile profile = read(NGINX_INC, "proxy-read-timeout", "an hour");
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(profile.problems()).isEmpty();
        assertThat(profile.reloadFailures()).singleElement().asString().contains("every reload");
    }

    /**
     * nginx/kubernetes-ingress internal/configs/configmaps.go ParseConfigMap copies proxy-read-timeout,
     * proxy-send-timeout, proxy-connect-timeout and worker-shutdown-timeout into ConfigParams unparsed, and
     * version1/nginx.ingress.tmpl / nginx.tmpl write them as they stand; the same value as an annotation goes through
     * parsing_helpers.go ParseTime, which removes the spaces. What nginx makes of the written value is checked on
     * real nginx by NginxTimeOnRealNginxTest.
     */
    @ParameterizedTest(name = "F5 {0}: \"{1}\" reload ok={2}")
    @CsvSource({
        "proxy-read-timeout, 1h, true",
        "proxy-read-timeout, 3600, true",
        "proxy-read-timeout, 1h30m, true",
        "proxy-read-timeout, 1h 30m, false",
        "proxy-send-timeout, 1y, false",
        "proxy-connect-timeout, -5s, false",
        "worker-shutdown-timeout, 10S, false",
        "proxy-read-timeout, '', false",
    })
    void nginxIncConfigMapTimesAreJudgedAsNginxReadsThemVerbatim(String key, String value, boolean loads) {
        ControllerProfile profile = read(NGINX_INC, key, value);
        assertThat(profile.problems()).isEmpty();
        if (loads) {
            assertThat(profile.reloadFailures()).isEmpty();
        } else {
            assertThat(profile.reloadFailures()).singleElement().satisfies(f -> {
                assertThat(ControllerConfigMaps.problemKey(f)).isEqualTo(key);
                assertThat(f).contains(key.replace('-', '_') + " " + value + ";");
            });
        }
    }

    /**
     * kubernetes/ingress-nginx internal/ingress/controller/template/configmap.go ReadConfig decodes the ConfigMap
     * with mapstructure (WeaklyTypedInput: strconv.ParseInt base 0, "" as 0); nginx.tmpl writes
     * {@code proxy_read_timeout {{ $location.Proxy.ReadTimeout }}s;}.
     */
    @ParameterizedTest(name = "ingress-nginx proxy-read-timeout \"{0}\"")
    @CsvSource({
        "3600, 3600, false, false",
        "0x3c, 60, false, false",
        "010, 8, false, false",
        "'', 0, false, false",
        "+90, 90, false, false",
        "3600s, 60, true, false",
        "-1, 60, false, true",
    })
    void ingressNginxConfigMapSeconds(String value, long seconds, boolean ignored, boolean failsReload) {
        ControllerProfile profile = ingressNginx("proxy-read-timeout", value);
        assertThat(profile.proxyReadTimeout()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(profile.problems()).hasSize(ignored ? 1 : 0);
        assertThat(profile.reloadFailures()).hasSize(failsReload ? 1 : 0);
        if (failsReload) {
            assertThat(profile.reloadFailures().get(0)).contains("proxy_read_timeout -1s;");
        }
    }

    /**
     * ingress-nginx: internal/ingress/defaults/main.go Backend.SSLRedirect / ForceSSLRedirect (json ssl-redirect,
     * force-ssl-redirect), config.go NewDefault (SSLRedirect true, HTTPRedirectCode 308), configmap.go ReadConfig
     * (http-redirect-code: Atoi, validRedirectCodes 301 302 307 308, else the default). F5: configmaps.go
     * ParseConfigMap (ssl-redirect, redirect-to-https via GetMapKeyAsBool, http-redirect-code via
     * ParseHTTPRedirectCode), config_params.go NewDefaultConfigParams (SSLRedirect true, HTTPRedirectCode 301).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "ingress-nginx, '', true, false, 308, 0",
        "ingress-nginx, ssl-redirect=false, false, false, 308, 0",
        "ingress-nginx, ssl-redirect=, false, false, 308, 0",
        "ingress-nginx, ssl-redirect=no, true, false, 308, 1",
        "ingress-nginx, force-ssl-redirect=true, true, true, 308, 0",
        "ingress-nginx, http-redirect-code=301, true, false, 301, 0",
        "ingress-nginx, http-redirect-code=303, true, false, 308, 1",
        "ingress-nginx, redirect-to-https=true, true, false, 308, 0",
        "nginx-inc, '', true, false, 301, 0",
        "nginx-inc, ssl-redirect=False, false, false, 301, 0",
        "nginx-inc, redirect-to-https=1, true, true, 301, 0",
        "nginx-inc, redirect-to-https=, true, false, 301, 1",
        "nginx-inc, http-redirect-code=308, true, false, 308, 0",
        "nginx-inc, http-redirect-code=abc, true, false, 301, 1",
        "nginx-inc, force-ssl-redirect=true, true, false, 301, 0",
    })
    void redirectKeys(String controller, String entry, boolean ssl, boolean force, int code, int problems) {
        ControllerFlavor flavor = ControllerFlavor.fromCliName(controller).orElseThrow();
        ControllerProfile profile = entry.isEmpty()
                ? read(flavor)
                : read(flavor, entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        assertThat(profile.redirects()).isEqualTo(new ConfigMapRedirects(ssl, force, code));
        assertThat(profile.problems()).hasSize(problems);
    }

    /** ingress-nginx config.go HTTPSnippet/ServerSnippet/LocationSnippet; F5 configmaps.go http-, server-, location-snippets. */
    @Test
    void configMapSnippetsAreRead() {
        assertThat(ingressNginx("location-snippet", "proxy_http_version 1.0;", "http-snippet", "map $a $b {}")
                        .snippets())
                .isEqualTo(new ConfigMapSnippets("map $a $b {}", "", "proxy_http_version 1.0;"));
        assertThat(read(NGINX_INC, "server-snippets", "add_header X-A 1;", "location-snippets", "x 1;")
                        .snippets())
                .isEqualTo(new ConfigMapSnippets("", "add_header X-A 1;", "x 1;"));
        assertThat(read(NGINX_INC, "location-snippet", "x 1;").snippets()).isEqualTo(ConfigMapSnippets.NONE);
    }
}
