package io.wsroute.rules;

import static io.wsroute.nginx.ControllerFlavor.INGRESS_NGINX;
import static io.wsroute.nginx.ControllerFlavor.NGINX_INC;
import static io.wsroute.rules.Fixtures.healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.NginxIncSetup;
import io.wsroute.nginx.NginxIncVersion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WS118 on the F5 controller, and the F5 facts behind WS107, WS113 and WS117, each row citing the nginx/kubernetes-ingress
 * v5.5.4 source it relies on.
 */
class NginxIncRejectionRulesTest {

    private static Fixtures f5() {
        return healthy(NGINX_INC).path("/api", "api", 80);
    }

    private static ControllerProfile f5(NginxIncSetup setup) {
        return ControllerProfile.defaults(NGINX_INC).withNginxInc(setup);
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                // internal/k8s/validation.go validateTimeAnnotation
                "nginx.org/proxy-connect-timeout|ten seconds|must be a time|nginx time such as",
                // internal/k8s/validation.go validateBoolAnnotation
                "nginx.org/redirect-to-https|yes|must be a boolean|\"true\" or \"false\"",
                "nginx.org/ssl-redirect|off|must be a boolean|\"true\" or \"false\"",
                "nginx.org/proxy-buffering|no|must be a boolean|\"true\" or \"false\"",
                // internal/k8s/validation.go validateIntAnnotation
                "nginx.org/keepalive|32 connections|must be an integer|whole number",
                // internal/k8s/validation.go validateServiceListAnnotation
                "nginx.org/ssl-services|backend-tls|The following services were not found: backend-tls|api,chat",
                "nginx.org/grpc-services|grpc|The following services were not found: grpc|api,chat",
                // internal/k8s/validation.go validateRewriteListAnnotation
                "nginx.org/rewrites|serviceName=legacy rewrite=/|The following services were not found: legacy|api,chat",
                // internal/configs/parsing_helpers.go ParseLBMethod (NGINX OSS list)
                "nginx.org/lb-method|least_time header|invalid load balancing method|\"least_conn\"",
                "nginx.org/lb-method|sticky|invalid load balancing method|value the controller accepts",
                // internal/k8s/validation.go validatePlusOnlyAnnotation
                "nginx.com/health-checks|true|annotation requires NGINX Plus|wsroute.controllers.nginx-inc.plus=true",
                "nginx.com/sticky-cookie-services|serviceName=chat srv_id|annotation requires NGINX Plus|rename it to nginx.org/sticky-cookie-services",
                // internal/k8s/validation.go validateProxySetHeaderAnnotation (ValidateAddHeaderValue)
                "nginx.org/proxy-set-headers|Connection: $connection_upgrade|invalid character in header value: $|value the controller accepts",
                // internal/k8s/validation.go validateMergeableIngressTypeAnnotation
                "nginx.org/mergeable-ingress-type|Master|must be one of: 'master' or 'minion'|value the controller accepts",
                // internal/k8s/validation.go validateRequiredAnnotation
                "nginx.org/client-max-body-size||Required value|give nginx.org/client-max-body-size a value",
            })
    void annotationTheControllerRefusesRejectsTheWholeIngress(String key, String value, String said, String fix) {
        List<Finding> findings = f5().with(key, value == null ? "" : value).findings(Rule.WS118);

        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.field()).isEqualTo(Fixtures.annotation(key));
        assertThat(finding.message())
                .contains(key)
                .contains(said)
                .contains("rejects the whole Ingress")
                .contains("none of its paths");
        assertThat(finding.fix()).contains(fix);
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "nginx.org/proxy-connect-timeout|1h 30m",
                "nginx.org/redirect-to-https|True",
                "nginx.org/keepalive|-1",
                "nginx.org/lb-method|hash $request_id",
                "nginx.org/lb-method|random two least_conn",
                "nginx.org/ssl-services|chat",
                "nginx.org/grpc-services|api",
                "nginx.org/rewrites|serviceName=chat rewrite=/",
                "nginx.org/sticky-cookie-services|serviceName=chat srv_id expires=1h path=/",
                "nginx.org/add-header|X-Frame-Options:DENY",
                "nginx.org/policies|rate-limit",
                "nginx.org/limit-req-rate|10r/h",
                "nginx.org/websocket|true",
            })
    void valueTheControllerAcceptsOrIgnoresIsNoWs118(String key, String value) {
        assertThat(f5().with(key, value).findings(Rule.WS118)).isEmpty();
    }

    @Test
    void plusOnlyAnnotationsPassWhenTheControllerRunsNginxPlus() {
        Fixtures plus = f5().profile(f5(new NginxIncSetup(NginxIncVersion.LATEST, true, false, false)));
        assertThat(plus.with("nginx.com/health-checks", "true")
                        .with("nginx.org/lb-method", "least_time last_byte")
                        .findings(Rule.WS118))
                .isEmpty();
    }

    @Test
    void releaseDecidesWhatIsReadAndValidated() {
        // internal/k8s/validation.go annotationValidations: limit-req-key is validated from v5.5.0, not in v5.4.x
        Fixtures key = f5().with("nginx.org/limit-req-key", "client");
        assertThat(key.findings(Rule.WS118)).hasSize(1);
        assertThat(key.profile(f5(new NginxIncSetup(NginxIncVersion.parse("5.4.3"), false, false, false)))
                        .findings(Rule.WS118))
                .isEmpty();
        // v5.3.x has no nginx.org/sticky-cookie-services: nginx.com/ is the only spelling, and needs Plus
        Finding old = f5().with("nginx.com/sticky-cookie-services", "serviceName=chat srv_id")
                .profile(f5(new NginxIncSetup(NginxIncVersion.parse("5.3.4"), false, false, false)))
                .findings(Rule.WS118)
                .get(0);
        assertThat(old.fix()).contains("remove nginx.com/sticky-cookie-services");
    }

    @Test
    void rulesWithTheirOwnIdKeepTheirAnnotations() {
        List<String> ids = f5().with("nginx.org/proxy-read-timeout", "1.5h")
                .with("nginx.org/websocket-services", "chat, api")
                .with("nginx.org/location-snippets", "proxy_buffering off;")
                .ruleIds();
        assertThat(ids).contains("WS102", "WS109", "WS112").doesNotContain("WS118");
    }

    @Test
    void onlyTheF5ControllerIsJudgedByItsTable() {
        assertThat(healthy(INGRESS_NGINX).with("nginx.org/keepalive", "many").findings(Rule.WS118))
                .isEmpty();
    }

    @Test
    void grpcServicesBreakWebSocketOnlyWithHttp2() {
        // internal/configs/ingress.go generateNginxCfg: grpc-services without ConfigMap http2 is logged and ignored
        Fixtures grpc = f5().with("nginx.org/grpc-services", "chat");
        assertThat(grpc.findings(Rule.WS107)).isEmpty();
        Finding finding = grpc.configMap("http2", "true").findings(Rule.WS107).get(0);
        assertThat(finding.message()).contains("grpc_pass").contains("http2");
    }

    @Test
    void proxySetHeadersConnectionIsASecondConnectionHeader() {
        // internal/configs/version1/nginx.ingress.tmpl: ProxySetHeaders are written after Connection
        // $connection_upgrade
        Finding finding = f5().with("nginx.org/proxy-set-headers", "X-Real-User, Connection: close")
                .findings(Rule.WS117)
                .get(0);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("Connection: \"close\"").contains("second");
        assertThat(finding.fix()).contains("remove the Connection entry");
        // version1.ParseProxySetHeaders: a bare name forwards the client's own header; an upgrade value is harmless
        assertThat(f5().with("nginx.org/proxy-set-headers", "Connection").findings(Rule.WS117))
                .isEmpty();
        assertThat(f5().with("nginx.org/proxy-set-headers", "Connection: Upgrade")
                        .findings(Rule.WS117))
                .isEmpty();
        assertThat(f5().with("nginx.org/proxy-set-headers", "Connection:").findings(Rule.WS117))
                .isEmpty();
    }

    @Test
    void aMinionsServerLevelAnnotationsAndTlsAreDroppedSoTheyBreakNothing() {
        // internal/configs/annotations.go minionDenylist, filterMinionAnnotations; internal/configs/ingress.go
        // generateNginxCfgForMergeableIngresses: a minion contributes locations to the server its master defines
        ControllerProfile snippets = ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true);
        String cleared = "more_clear_input_headers Upgrade;";
        assertThat(f5().profile(snippets)
                        .with("nginx.org/server-snippets", cleared)
                        .findings(Rule.WS106))
                .hasSize(1);
        Fixtures minion = f5().profile(snippets).with("nginx.org/mergeable-ingress-type", "minion");
        assertThat(minion.with("nginx.org/server-snippets", cleared).findings(Rule.WS106))
                .isEmpty();

        assertThat(f5().tls().findings(Rule.WS104)).hasSize(1);
        assertThat(f5().with("nginx.org/redirect-to-https", "true").findings(Rule.WS104))
                .hasSize(1);
        Fixtures tlsMinion = f5().tls().with("nginx.org/mergeable-ingress-type", "minion");
        assertThat(tlsMinion.findings(Rule.WS104)).isEmpty();
        assertThat(tlsMinion.with("nginx.org/redirect-to-https", "true").findings(Rule.WS104))
                .isEmpty();
        // validation still runs on the minion's own annotations: a bad value rejects it
        assertThat(f5().with("nginx.org/mergeable-ingress-type", "minion")
                        .with("nginx.org/redirect-to-https", "yes")
                        .findings(Rule.WS118))
                .hasSize(1);
    }

    @Test
    void aMinionKeepsTheLocationLevelAnnotationsTheDenyListLeaves() {
        // internal/configs/annotations.go minionDenylist does not hold location-snippets: it still applies
        ControllerProfile snippets = ControllerProfile.defaults(NGINX_INC).withSnippetsAllowed(true);
        assertThat(f5().profile(snippets)
                        .with("nginx.org/mergeable-ingress-type", "minion")
                        .with("nginx.org/location-snippets", "proxy_http_version 1.0;")
                        .findings(Rule.WS105))
                .hasSize(1);
    }

    @Test
    void hashOnAPerRequestValueIsNoAffinity() {
        // internal/configs/parsing_helpers.go validateHashLBMethod accepts any key; $request_id changes per request
        Fixtures polling = f5().path("/socket.io", "chat", 8080);
        assertThat(polling.with("nginx.org/lb-method", "hash $request_id").findings(Rule.WS113))
                .isNotEmpty();
        assertThat(polling.with("nginx.org/lb-method", "hash $remote_addr consistent")
                        .findings(Rule.WS113))
                .isEmpty();
    }
}
