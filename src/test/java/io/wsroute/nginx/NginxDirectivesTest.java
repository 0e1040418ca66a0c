package io.wsroute.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.nginx.NginxDirectives.Directive;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxDirectivesTest {

    @Test
    void readsWordsQuotesEscapesBlocksAndComments() {
        List<Directive> directives = NginxDirectives.parse("""
                set $x "a \\" b";  # comment; not a directive
                if ($request_uri ~* "^/a{2}") { return 403; }
                location ~ ^/ws/${name}$ { proxy_pass http://u; }
                """);
        assertThat(directives).extracting(Directive::name).containsExactly("set", "return", "proxy_pass");
        assertThat(directives.get(0).args()).containsExactly("$x", "a \" b");
        assertThat(directives.get(1).blocks()).containsExactly("if");
        assertThat(directives.get(2).blocks()).containsExactly("location");
        assertThat(directives.get(2).text()).isEqualTo("proxy_pass http://u");
    }
}
