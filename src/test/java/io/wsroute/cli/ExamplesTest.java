package io.wsroute.cli;

import static io.wsroute.cli.LintRun.CHAT_SERVICE;
import static io.wsroute.cli.LintRun.EXAMPLES;
import static io.wsroute.cli.LintRun.INGRESS_CLASSES;
import static io.wsroute.cli.LintRun.lint;
import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.rules.Rule;
import io.wsroute.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** deploy/examples/README.md is the promise; each example must keep it, and every example must be in it. */
class ExamplesTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `([^`]+\\.yaml)` \\|.*\\| ([^|]+) \\|$", Pattern.MULTILINE);
    private static final Pattern RULE = Pattern.compile("WS\\d{3}");

    /** File name to the rule ids its README row promises. */
    static Map<String, List<String>> promised() throws IOException {
        Map<String, List<String>> promised = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of(EXAMPLES, "README.md")));
        while (row.find()) {
            promised.put(
                    row.group(1),
                    RULE.matcher(row.group(2))
                            .results()
                            .map(MatchResult::group)
                            .sorted()
                            .toList());
        }
        return promised;
    }

    @TestFactory
    Stream<DynamicTest> eachExampleYieldsExactlyTheRulesItsRowPromises() throws IOException {
        return promised().entrySet().stream()
                .map(promise -> DynamicTest.dynamicTest(promise.getKey(), () -> {
                    LintRun run =
                            lint("--output", "json", EXAMPLES + "/" + promise.getKey(), CHAT_SERVICE, INGRESS_CLASSES);
                    assertThat(List.copyOf(new TreeSet<>(run.rules())))
                            .as(run.toString())
                            .isEqualTo(promise.getValue());
                    boolean errors = promise.getValue().stream()
                            .anyMatch(r -> Rule.valueOf(r).severity() == Severity.ERROR);
                    assertThat(run.exit())
                            .as(run.toString())
                            .isEqualTo(errors ? LintCommand.ERRORS_FOUND : LintCommand.OK);
                }));
    }

    @Test
    void everyExampleIngressHasARow() throws IOException {
        List<String> withIngress = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(EXAMPLES))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (Files.readString(file).contains("kind: Ingress\n")) {
                    withIngress.add(file.getFileName().toString());
                }
            }
        }
        assertThat(promised().keySet()).containsExactlyInAnyOrderElementsOf(withIngress);
    }

    @Test
    void theWholeDirectoryAsReadmeLintsIt() throws IOException {
        LintRun run = lint("--output", "json", EXAMPLES + "/");
        assertThat(run.exit()).as(run.toString()).isEqualTo(LintCommand.ERRORS_FOUND);
        assertThat(run.err()).isEmpty();
        Map<String, List<String>> found = new LinkedHashMap<>();
        promised().keySet().forEach(file -> found.put(file, new ArrayList<>()));
        run.json()
                .forEach(f -> found.get(
                                Path.of(f.path("file").asText()).getFileName().toString())
                        .add(f.path("rule").asText()));
        found.replaceAll((file, rules) -> List.copyOf(new TreeSet<>(rules)));
        assertThat(found).isEqualTo(promised());
    }
}
