package io.wsroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.cli.BuildVersion;
import io.wsroute.cli.TopLevel;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The jar's top-level command line, run in-process as main runs it (without the System.exit). */
class WsrouteMainTest {

    record Run(OptionalInt exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        OptionalInt exit = TopLevel.run(
                WsrouteMain.COMMANDS,
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void noArgumentsStartTheServer() {
        Run run = run();
        assertThat(run.exit()).isEmpty();
        assertThat(run.out() + run.err()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndTheServer() {
        for (String flag : new String[] {"--help", "-h"}) {
            Run run = run(flag);
            assertThat(run.exit()).hasValue(0);
            assertThat(run.err()).isEmpty();
            assertThat(run.out())
                    .startsWith("Usage: java -jar quarkus-run.jar [-hV] [COMMAND]")
                    .contains("runs the server")
                    .containsPattern("(?m)^  lint +checks Ingress manifests")
                    .containsPattern("(?m)^  migrate +rewrites ingress-nginx Ingresses for the F5")
                    .containsPattern("(?m)^  webhook-tls +writes the self-managed webhook certificate");
            WsrouteMain.COMMANDS.forEach(c -> assertThat(run.out()).contains("  " + c.name() + " "));
        }
    }

    @Test
    void versionComesFromTheBuild() throws Exception {
        String pomVersion = Files.readString(Path.of("pom.xml"))
                .replaceFirst("(?s).*?</parent>|(?s)^.*?<artifactId>wsroute</artifactId>\\s*", "")
                .replaceFirst("(?s)^\\s*<version>([^<]+)</version>.*", "$1");
        assertThat(BuildVersion.version()).isEqualTo(pomVersion).doesNotContain("${");
        for (String flag : new String[] {"--version", "-V"}) {
            Run run = run(flag);
            assertThat(run.exit()).hasValue(0);
            assertThat(run.out()).isEqualTo("wsroute " + pomVersion + "\n");
        }
    }

    @Test
    void unknownOrMisspeltCommandIsAUsageErrorWithASuggestion() {
        Run misspelt = run("lnt", "deploy/examples");
        assertThat(misspelt.exit()).hasValue(2);
        assertThat(misspelt.out()).isEmpty();
        assertThat(misspelt.err())
                .startsWith("Unmatched arguments from index 0: 'lnt', 'deploy/examples'")
                .contains("Did you mean: java -jar quarkus-run.jar lint?")
                .contains("Usage: java -jar quarkus-run.jar");

        for (String[] args : new String[][] {{"serve"}, {"--no-such-option"}, {"--"}, {"-x", "lint"}}) {
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", args)).hasValue(2);
            assertThat(run.err()).contains("Usage: java -jar quarkus-run.jar");
        }
    }

    @Test
    void commandsGetTheirOwnArguments() {
        Run lintHelp = run("lint", "--help");
        assertThat(lintHelp.exit()).hasValue(0);
        assertThat(lintHelp.out()).startsWith("Usage: lint ");

        Run lintBad = run("lint", "--no-such-option", "x.yaml");
        assertThat(lintBad.exit()).hasValue(2);
        assertThat(lintBad.err()).startsWith("lint: Unknown option");

        Run tlsWithArguments = run("webhook-tls", "extra");
        assertThat(tlsWithArguments.exit()).hasValue(2);
        assertThat(tlsWithArguments.err()).contains("webhook-tls takes no arguments");
    }
}
