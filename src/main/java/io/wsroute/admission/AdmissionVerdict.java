package io.wsroute.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * What wsroute answers to one request, and its AdmissionReview rendering.
 *
 * @param denial null when allowed; otherwise the message shown to the user
 * @param patch JSON Patch to apply; empty when nothing changes
 * @param rules rule ids behind the verdict, for the decision log
 */
public record AdmissionVerdict(String uid, String denial, List<String> warnings, ArrayNode patch, List<String> rules) {

    /** HTTP code in status for denials: 403, as for other policy refusals (it is not a malformed request). */
    static final int DENIED_CODE = 403;

    /**
     * Longest message or warning sent back. Findings quote the values they judge, and a value can be a megabyte;
     * the API server passes warnings on to clients (kubectl prints each one), so a hostile value must not come back
     * at full length.
     */
    static final int MAX_TEXT = 2048;

    public AdmissionVerdict {
        warnings = List.copyOf(warnings);
        rules = List.copyOf(rules);
    }

    public boolean allowed() {
        return denial == null;
    }

    boolean patched() {
        return patch != null && !patch.isEmpty();
    }

    JsonNode toReview(ObjectMapper mapper) {
        ObjectNode review = mapper.createObjectNode();
        review.put("apiVersion", AdmissionRequest.API_VERSION);
        review.put("kind", AdmissionRequest.KIND);
        ObjectNode response = review.putObject("response");
        response.put("uid", uid);
        response.put("allowed", allowed());
        if (!allowed()) {
            response.putObject("status")
                    .put("code", DENIED_CODE)
                    .put("reason", "Forbidden")
                    .put("message", capped(denial));
        }
        if (!warnings.isEmpty()) {
            ArrayNode list = response.putArray("warnings");
            warnings.forEach(w -> list.add(capped(w)));
        }
        if (patched()) {
            response.put("patchType", "JSONPatch");
            response.put(
                    "patch", Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return review;
    }

    private static String capped(String text) {
        return text.length() <= MAX_TEXT
                ? text
                : text.substring(0, MAX_TEXT) + "... (cut at " + MAX_TEXT + " characters)";
    }
}
