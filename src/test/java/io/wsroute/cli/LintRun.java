package io.wsroute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of lint, as the command line runs it: exit code, stdout, stderr. */
record LintRun(int exit, String out, String err) {

    static final String EXAMPLES = "deploy/examples";
    static final String CHAT_SERVICE = EXAMPLES + "/chat-service.yaml";
    static final String INGRESS_CLASSES = EXAMPLES + "/ingress-classes.yaml";

    static LintRun lint(String... args) {
        return lintStdin("", args);
    }

    static LintRun lintStdin(String stdin, String... args) {
        return lint(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    static LintRun lint(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LintCommand.run(args, stdin, new PrintWriter(out), new PrintWriter(err));
        return new LintRun(exit, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out + err, e);
        }
    }

    /** Rule ids of a --output json run, in output order. */
    List<String> rules() {
        List<String> rules = new ArrayList<>();
        json().forEach(finding -> rules.add(finding.path("rule").asText()));
        return rules;
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
