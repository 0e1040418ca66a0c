package io.wsroute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wsroute.cli.LintReport.Located;
import io.wsroute.rules.Finding;
import io.wsroute.rules.Rule;
import io.wsroute.rules.RuleHelp;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SARIF 2.1.0, the format code-scanning tools read (GitHub shows each result on the pull request's diff): one run,
 * a {@code rule} per wsroute rule id, a {@code result} per finding with its level, message, fix and the line and
 * column of its field. Paths stay as given (relative to where lint ran, normally the repository root); stdin is
 * reported as the artifact {@code stdin}.
 */
final class SarifReport {

    static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    static final String STDIN_URI = "stdin";
    /** Identifies a finding across runs when lines move: rule, object and field. */
    static final String FINGERPRINT = "wsroute/v1";

    private SarifReport() {}

    static void print(LintReport.Result result, String version, PrintWriter out) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode log = mapper.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "wsroute");
        driver.put("version", version);
        ArrayNode rules = driver.putArray("rules");
        for (Rule rule : Rule.values()) {
            rules.add(rule(mapper, rule));
        }
        ArrayNode results = run.putArray("results");
        for (Located located : result.findings()) {
            results.add(result(mapper, located));
        }
        run.putObject("properties").put("acceptedWarnings", result.accepted());
        out.println(log.toPrettyString());
    }

    private static ObjectNode rule(ObjectMapper mapper, Rule rule) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", rule.id());
        node.put("name", rule.id());
        node.putObject("shortDescription").put("text", rule.title());
        node.putObject("fullDescription").put("text", rule.title() + ".");
        node.putObject("help").put("text", RuleHelp.of(rule));
        node.putObject("defaultConfiguration")
                .put("level", level(rule.severity().label()));
        node.putObject("properties")
                .put("severity", rule.severity().label())
                .putArray("tags")
                .add("kubernetes")
                .add("ingress")
                .add("websocket");
        return node;
    }

    private static ObjectNode result(ObjectMapper mapper, Located located) {
        Finding f = located.finding();
        ObjectNode node = mapper.createObjectNode();
        node.put("ruleId", f.rule());
        int index = ruleIndex(f.rule());
        if (index >= 0) {
            node.put("ruleIndex", index);
        }
        node.put("level", level(f.severity().label()));
        node.putObject("message")
                .put(
                        "text",
                        "%s %s/%s: %s (%s). Fix: %s"
                                .formatted(f.kind(), f.namespace(), f.name(), f.message(), f.field(), f.fix()));
        ObjectNode location = node.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(located.source()));
        physical.putObject("region")
                .put("startLine", located.position().line())
                .put("startColumn", located.position().column());
        location.putArray("logicalLocations")
                .addObject()
                .put("name", f.name())
                .put("fullyQualifiedName", "%s/%s/%s".formatted(f.kind(), f.namespace(), f.name()))
                .put("kind", "resource");
        node.putObject("partialFingerprints").put(FINGERPRINT, fingerprint(f));
        node.putObject("properties")
                .put("field", f.field())
                .put("fix", f.fix())
                .put("kind", f.kind())
                .put("namespace", f.namespace())
                .put("name", f.name());
        return node;
    }

    private static int ruleIndex(String id) {
        Rule[] rules = Rule.values();
        for (int i = 0; i < rules.length; i++) {
            if (rules[i].id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** SARIF levels are error, warning, note and none; wsroute's severities are the first two. */
    private static String level(String severity) {
        return severity.toLowerCase(Locale.ROOT);
    }

    /**
     * A URI reference for the file: relative paths stay relative (with / separators, percent-encoded where needed),
     * absolute ones become file: URIs.
     */
    static String uri(String source) {
        if (ManifestReader.STDIN.equals(source)) {
            return STDIN_URI;
        }
        Path path = Path.of(source);
        if (path.isAbsolute()) {
            return path.toUri().toASCIIString();
        }
        String slashed = source.replace('\\', '/');
        int colon = slashed.indexOf(':');
        if (colon >= 0 && colon < (slashed + "/").indexOf('/')) {
            slashed = "./" + slashed; // a colon in the first segment would read as a scheme
        }
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            return path.toAbsolutePath().toUri().toASCIIString();
        }
    }

    private static String fingerprint(Finding f) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest("%s\u0000%s\u0000%s\u0000%s\u0000%s"
                    .formatted(f.rule(), f.kind(), f.namespace(), f.name(), f.field())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
