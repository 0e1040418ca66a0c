package io.wsroute;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.rules.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README is the user's contract: its rule table must list every rule with its real severity. */
class ReadmeTest {

    @Test
    void ruleTableListsEveryRule() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Rule rule : Rule.values()) {
            assertThat(readme)
                    .as("README row for %s", rule)
                    .contains("| %s | %s |".formatted(rule.id(), rule.severity().label()));
        }
    }

    @Test
    void quickStartHasExactlyTwoCommands() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String quickStart = readme.substring(readme.indexOf("## Quick start"));
        String block = quickStart.substring(
                quickStart.indexOf("```bash") + 7, quickStart.indexOf("```", quickStart.indexOf("```bash") + 7));
        assertThat(block.strip().lines()).hasSize(2);
        assertThat(Files.readString(Path.of(".ci/run")))
                .contains(block.strip().lines().toList().get(1));
    }
}
