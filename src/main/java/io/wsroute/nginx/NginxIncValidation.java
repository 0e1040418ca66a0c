package io.wsroute.nginx;

import io.wsroute.nginx.NginxIncCheck.Step;
import io.wsroute.nginx.NginxIncVerdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The F5 NGINX Ingress Controller's verdict on an Ingress's annotations, from {@link NginxIncAnnotationTable}: what
 * its annotation validation rejects (in its own words and order), and per annotation whether it is used, ignored or
 * takes the whole Ingress down.
 */
public final class NginxIncValidation {

    public static final String PROXY_REDIRECT_FROM = "nginx.org/proxy-redirect-from";
    public static final String PROXY_REDIRECT_TO = "nginx.org/proxy-redirect-to";
    private static final NginxIncVersion PROXY_REDIRECT_SINCE = NginxIncVersion.of(5, 5);

    private NginxIncValidation() {}

    /** validateIngressAnnotations: every rejection, annotations in byte order, each chain up to its first failure. */
    public static List<NginxIncProblem> validateAnnotations(NginxIncInput input) {
        List<NginxIncProblem> problems = new ArrayList<>();
        for (String key : NginxIncAnnotationTable.keys(input.setup().version())) {
            String value = input.annotations().get(key);
            if (value != null) {
                problems.addAll(run(key, value, input).problems());
            }
        }
        return problems;
    }

    /** Rejections of the whole annotation set: {@link #validateAnnotations} and the proxy-redirect pair rule. */
    public static List<NginxIncProblem> rejections(NginxIncInput input) {
        List<NginxIncProblem> problems = new ArrayList<>(validateAnnotations(input));
        if (input.setup().version().atLeast(PROXY_REDIRECT_SINCE)) {
            problems.addAll(proxyRedirectPair(input.annotations()));
        }
        return problems;
    }

    /** validateProxyRedirectPair: proxy-redirect-to needs -from, and a URL or regex -from needs -to. */
    static List<NginxIncProblem> proxyRedirectPair(Map<String, String> annotations) {
        String from = annotations.get(PROXY_REDIRECT_FROM);
        boolean hasTo = annotations.containsKey(PROXY_REDIRECT_TO);
        boolean keyword = "off".equals(from) || "default".equals(from);
        if (hasTo && from == null) {
            return List.of(NginxIncProblem.invalid(
                    PROXY_REDIRECT_TO, "", PROXY_REDIRECT_TO + " requires " + PROXY_REDIRECT_FROM + " to also be set"));
        }
        if (hasTo && keyword) {
            return List.of(NginxIncProblem.invalid(
                    PROXY_REDIRECT_TO,
                    "",
                    "%s cannot be set when %s is %s"
                            .formatted(PROXY_REDIRECT_TO, PROXY_REDIRECT_FROM, NginxIncProblem.goQuote(from))));
        }
        if (from != null && !keyword && !hasTo) {
            return List.of(NginxIncProblem.invalid(
                    PROXY_REDIRECT_FROM,
                    from,
                    PROXY_REDIRECT_FROM + " with a URL or regex value requires " + PROXY_REDIRECT_TO
                            + " to also be set"));
        }
        return List.of();
    }

    /** What the controller does with one annotation of the input. */
    public static NginxIncVerdict judge(String key, NginxIncInput input) {
        String value = input.annotations().getOrDefault(key, "");
        NginxIncVersion version = input.setup().version();
        Optional<NginxIncAnnotation> entry = NginxIncAnnotationTable.lookup(key, version);
        if (entry.isEmpty()) {
            return verdict(key, Outcome.IGNORED, "the F5 NGINX Ingress Controller " + version + " does not read it");
        }
        Step step = run(key, value, input);
        if (step.unknown().isPresent()) {
            return verdict(key, Outcome.NOT_JUDGED, step.unknown().get());
        }
        List<NginxIncProblem> problems = new ArrayList<>(step.problems());
        if (key.equals(PROXY_REDIRECT_FROM) || key.equals(PROXY_REDIRECT_TO)) {
            proxyRedirectPair(input.annotations()).stream()
                    .filter(p -> problems.isEmpty() && p.annotation().equals(key))
                    .forEach(problems::add);
        }
        if (!problems.isEmpty()) {
            boolean plus = problems.stream().allMatch(NginxIncProblem::needsPlus);
            return new NginxIncVerdict(
                    key,
                    plus ? Outcome.NEEDS_PLUS : Outcome.REJECTED,
                    problems,
                    problems.get(0).message());
        }
        Optional<Step> applied = entry.get().applied().map(parse -> parse.apply(key, value, input));
        if (applied.isPresent() && !applied.get().problems().isEmpty()) {
            return verdict(
                    key,
                    Outcome.IGNORED,
                    "the controller logs an error and keeps its default: "
                            + applied.get().problems().get(0).message());
        }
        String mergeable = input.annotations().get(NginxIncAnnotations.MERGEABLE_INGRESS_TYPE);
        if ("master".equals(mergeable) && entry.get().strippedOnMaster()) {
            return verdict(key, Outcome.IGNORED, "a mergeable master may not set it: the controller drops it");
        }
        if ("minion".equals(mergeable) && entry.get().strippedOnMinion()) {
            return verdict(key, Outcome.IGNORED, "a mergeable minion may not set it: the controller drops it");
        }
        return verdict(key, Outcome.ACCEPTED, "read by the F5 NGINX Ingress Controller " + version);
    }

    /** The verdict on every annotation of the input the controller owns (nginx.org/, nginx.com/ and the like). */
    public static List<NginxIncVerdict> judgeAll(NginxIncInput input) {
        return input.annotations().keySet().stream()
                .filter(NginxIncValidation::ownedByController)
                .sorted()
                .map(key -> judge(key, input))
                .toList();
    }

    /** Keys under a prefix the F5 controller reads from. */
    public static boolean ownedByController(String key) {
        return key.startsWith(NginxIncAnnotations.PREFIX)
                || key.startsWith(NginxIncAnnotations.PLUS_PREFIX)
                || key.startsWith("appprotect.f5.com/")
                || key.startsWith("appprotectdos.f5.com/")
                || key.startsWith("nsm.nginx.com/")
                || key.equals(NginxIncAnnotations.LEGACY_SSL_REDIRECT);
    }

    private static Step run(String key, String value, NginxIncInput input) {
        Optional<NginxIncAnnotation> entry =
                NginxIncAnnotationTable.lookup(key, input.setup().version());
        for (NginxIncCheck check : entry.map(NginxIncAnnotation::checks).orElse(List.of())) {
            Step step = check.apply(key, value, input);
            if (step.ends()) {
                return step;
            }
        }
        return Step.PASS;
    }

    private static NginxIncVerdict verdict(String key, Outcome outcome, String reason) {
        return new NginxIncVerdict(key, outcome, List.of(), reason);
    }
}
