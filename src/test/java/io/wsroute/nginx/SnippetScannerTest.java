package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.SnippetScanner.Breakage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SnippetScannerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "proxy_http_version 1.0;|HTTP_VERSION_BELOW_1_1",
            "  PROXY_HTTP_VERSION   \"1.0\" ;|HTTP_VERSION_BELOW_1_1",
            "proxy_set_header Connection close;|CONNECTION_OVERRIDDEN",
            "proxy_set_header Connection \"keep-alive\";|CONNECTION_OVERRIDDEN",
            "proxy_set_header Connection '';|CONNECTION_OVERRIDDEN",
            "more_set_headers \"X: 1\"; proxy_set_header connection \"\";|CONNECTION_OVERRIDDEN",
            "proxy_set_header Upgrade \"\";|UPGRADE_CLEARED",
            "proxy_set_header Upgrade websocket;|UPGRADE_CLEARED"})
    void findsBreakingDirectives(String snippet, Breakage expected) {
        assertThat(SnippetScanner.scan(snippet)).extracting(SnippetScanner.Hit::breakage).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "proxy_http_version 1.1;",
            "proxy_set_header Connection $connection_upgrade;\nproxy_set_header Upgrade $http_upgrade;",
            "proxy_set_header Connection \"upgrade\";",
            "# proxy_set_header Connection close;\nmore_set_headers \"X: 1\";",
            "proxy_set_header X-Connection close;"})
    void leavesWorkingSnippetsAlone(String snippet) {
        assertThat(SnippetScanner.scan(snippet)).isEmpty();
    }
}
