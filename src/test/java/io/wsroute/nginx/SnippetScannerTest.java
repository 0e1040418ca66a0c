package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.SnippetScanner.Breakage;
import io.wsroute.nginx.SnippetScanner.Hit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnippetScannerTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "proxy_http_version 1.0;|HTTP_VERSION_BELOW_1_1",
                "  PROXY_HTTP_VERSION   \"1.0\" ;|HTTP_VERSION_BELOW_1_1",
                "proxy_http_version '1.0'|HTTP_VERSION_BELOW_1_1",
                "proxy_set_header Connection close;|CONNECTION_OVERRIDDEN",
                "proxy_set_header Connection \"keep-alive\";|CONNECTION_OVERRIDDEN",
                "more_set_headers \"X: a;b\"; proxy_set_header connection \"close\";|CONNECTION_OVERRIDDEN",
                "more_clear_input_headers Upgrade;|UPGRADE_CLEARED",
                "if ($http_x_legacy) { proxy_set_header Connection close; }|CONNECTION_OVERRIDDEN"
            })
    void findsBreakingDirectives(String snippet, Breakage expected) {
        assertThat(SnippetScanner.scan(snippet)).extracting(Hit::breakage).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "proxy_http_version 1.1;",
                "proxy_set_header Connection $connection_upgrade;\nproxy_set_header Upgrade $http_upgrade;",
                "proxy_set_header Connection \"upgrade\";",
                "proxy_set_header Connection \"keep-alive, Upgrade\";",
                "proxy_set_header Connection \"${connection_upgrade}\";",
                "proxy_set_header Upgrade websocket;",
                "# proxy_set_header Connection close;\nmore_set_headers \"X: 1\";",
                "more_set_headers \"X: proxy_set_header Connection close;\";",
                "proxy_set_header X-Connection close;",
                "proxy_set_header Connection '';",
                "proxy_set_header CONNECTION \"\" ;",
                "proxy_set_header Upgrade \"\";",
                "proxy_set_header upgrade '  ';",
                "location /health { proxy_set_header Connection close; }",
                "add_header X-Note 'proxy_http_version 1.0';",
                ""
            })
    void leavesWorkingSnippetsAlone(String snippet) {
        assertThat(SnippetScanner.scan(snippet)).isEmpty();
    }

    @Test
    void directivesSpanLinesAndCarryComments() {
        assertThat(SnippetScanner.scan("proxy_set_header\tConnection\n  close # why not\n;\nproxy_http_version\n1.0;"))
                .containsExactly(
                        new Hit(Breakage.CONNECTION_OVERRIDDEN, "proxy_set_header Connection close"),
                        new Hit(Breakage.HTTP_VERSION_BELOW_1_1, "proxy_http_version 1.0"));
    }

    @Test
    void severalDirectivesOnOneLineAreEachReportedAsWritten() {
        assertThat(
                        SnippetScanner.scan(
                                "proxy_http_version  1.0; more_clear_input_headers Upgrade; proxy_set_header Connection close;"))
                .containsExactly(
                        new Hit(Breakage.HTTP_VERSION_BELOW_1_1, "proxy_http_version 1.0"),
                        new Hit(Breakage.UPGRADE_CLEARED, "more_clear_input_headers Upgrade"),
                        new Hit(Breakage.CONNECTION_OVERRIDDEN, "proxy_set_header Connection close"));
    }

    @Test
    void unbalancedTextStillYieldsWhatItCould() {
        assertThat(SnippetScanner.scan("proxy_set_header Connection close; location / { \"unterminated"))
                .extracting(Hit::breakage)
                .containsExactly(Breakage.CONNECTION_OVERRIDDEN);
        assertThat(SnippetScanner.scan(null)).isEmpty();
    }
}
