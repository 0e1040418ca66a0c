package io.wsroute.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.wsroute.probe.ProbeOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** README's condition table lists every reason the code can set, and nothing else. */
class RouteReasonTableTest {

    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Za-z]+)`");
    private static final Set<String> VALUES = Set.of("True", "False", "Unknown");

    @ParameterizedTest
    @ValueSource(strings = {RouteCondition.READY, RouteCondition.ENFORCED, RouteCondition.HANDSHAKE_VERIFIED})
    void readmeRowNamesExactlyTheReasonsOfItsCondition(String condition) throws IOException {
        assertThat(readmeReasons(condition)).isEqualTo(codeReasons(condition));
    }

    private static Set<String> codeReasons(String condition) {
        Stream<String> own = Arrays.stream(RouteReason.values())
                .filter(r -> r.condition().equals(condition))
                .map(RouteReason::text);
        Stream<String> probe = condition.equals(RouteCondition.HANDSHAKE_VERIFIED)
                ? Arrays.stream(ProbeOutcome.values()).map(ProbeOutcome::reason)
                : Stream.empty();
        return Stream.concat(own, probe).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> readmeReasons(String condition) throws IOException {
        String row = Files.readString(Path.of("README.md"))
                .lines()
                .filter(line -> line.startsWith("| `" + condition + "` |"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("README has no condition table row for " + condition));
        String reasons = row.substring(row.indexOf('|', 2));
        Set<String> found = new TreeSet<>();
        Matcher m = CODE.matcher(reasons);
        while (m.find()) {
            if (!VALUES.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }
}
