package io.wsroute.cli;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.wsroute.gateway.HttpRouteRules;
import io.wsroute.gateway.RouteReviews;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.IngressClasses;
import io.wsroute.nginx.IngressNginxVersion;
import io.wsroute.nginx.NginxGatewayFabric;
import io.wsroute.nginx.NginxIncSetup;
import io.wsroute.nginx.NginxIncVersion;
import io.wsroute.nginx.NginxTime;
import io.wsroute.probe.HandshakeProbe;
import io.wsroute.probe.ProbeRequest;
import io.wsroute.probe.ProbeResult;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.RuleSettings;
import io.wsroute.rules.WebSocketRules;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wsroute lint}: the admission rules, offline, on manifest files. */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        versionProvider = LintCommand.Version.class,
        description = {
            "Checks the Ingresses in Kubernetes manifests for settings that break WebSocket traffic behind "
                    + "NGINX ingress controllers, with the rules of wsroute's admission webhook.",
            "",
            "Reads multi-document YAML and JSON, and the items of List kinds. Services (appProtocol), "
                    + "IngressClasses (which controller), Deployments and StatefulSets (replicas) in the input "
                    + "are used; documents without apiVersion and kind are skipped with a note.",
            "",
            "With --probe URL instead of files: sends a real WebSocket handshake (HTTP/1.1 Upgrade) to a live "
                    + "endpoint and says what its answer means (101, 426 from the backend, redirect, 502, refused, "
                    + "TLS failure, timeout)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:no error finding (warnings allowed; see --fail-on); --probe: 101 Switching Protocols",
            "1:at least one error finding (see --fail-on); --probe: the handshake failed",
            "2:unreadable or invalid input, or bad usage"
        })
public final class LintCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int ERRORS_FOUND = 1;
    static final int UNREADABLE = CommandRunner.UNREADABLE;
    /** Where a finding points when nothing of its document's position is known. */
    private static final SourcePositions.Position FIRST_LINE = new SourcePositions.Position(1, 1);

    enum Output {
        text,
        json,
        sarif,
        github
    }

    /** Which findings make lint exit 1. */
    enum FailOn {
        error,
        warning,
        never
    }

    @Option(
            names = {"-o", "--output"},
            defaultValue = "text",
            paramLabel = "text|json|sarif|github",
            description = "text: a line per finding and a summary; json: an array of findings; sarif: SARIF 2.1.0 "
                    + "for code scanning; github: GitHub Actions annotations (default: ${DEFAULT-VALUE})")
    Output output;

    @Option(
            names = "--fail-on",
            defaultValue = "error",
            paramLabel = "error|warning|never",
            description = "exit 1 on any error finding, on any finding, or never (default: ${DEFAULT-VALUE}); "
                    + "warnings accepted with wsroute.io/accept never count")
    FailOn failOn;

    @Option(
            names = "--controller",
            defaultValue = "ingress-nginx",
            paramLabel = "ingress-nginx|nginx-inc",
            converter = FlavorConverter.class,
            description = "controller that serves Ingresses whose IngressClass is not in the input, and that reads "
                    + "--controller-configmap (default: ${DEFAULT-VALUE})")
    ControllerFlavor controller;

    @Option(
            names = "--controller-configmap",
            paramLabel = "FILE",
            description = "the controller's ConfigMap (global timeouts, snippet settings); otherwise its built-in "
                    + "defaults apply")
    String controllerConfigMap;

    @Option(
            names = "--nginx-inc-snippets-enabled",
            description = "the F5 controller runs with -enable-snippets (a flag, so not in its ConfigMap)")
    boolean nginxIncSnippets;

    @Option(
            names = "--nginx-inc-version",
            defaultValue = "5.5.4",
            paramLabel = "RELEASE",
            converter = NginxIncVersionOption.class,
            description = "the F5 controller's release, e.g. 5.5.4 or 4.0 (default: ${DEFAULT-VALUE})")
    NginxIncVersion nginxIncVersion;

    @Option(
            names = "--nginx-inc-plus",
            description = "the F5 controller runs NGINX Plus (on NGINX OSS it rejects Plus-only annotations)")
    boolean nginxIncPlus;

    @Option(
            names = "--min-idle-timeout",
            defaultValue = "1h",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "idle time a WebSocket must survive, as nginx time: 3600, 90s, 1h (default: ${DEFAULT-VALUE})")
    Duration minIdleTimeout;

    @Option(
            names = "--ingress-nginx-version",
            paramLabel = "VERSION",
            description = "the ingress-nginx release that serves the Ingresses, 1.9 to 1.15 (default: the latest)")
    String ingressNginxVersion;

    @Option(
            names = "--ingress-nginx-ssl-passthrough",
            defaultValue = "true",
            arity = "1",
            paramLabel = "BOOL",
            description = "whether ingress-nginx runs with --enable-ssl-passthrough (default: ${DEFAULT-VALUE})")
    boolean ingressNginxSslPassthrough;

    @Option(
            names = {"-n", "--namespace"},
            defaultValue = "default",
            paramLabel = "NAMESPACE",
            description = "namespace of objects that name none, as kubectl apply -n (default: ${DEFAULT-VALUE})")
    String namespace;

    @Option(
            names = "--probe",
            paramLabel = "URL",
            description = "instead of checking files, try a WebSocket handshake with this ws:// or wss:// URL")
    String probe;

    @Option(
            names = "--probe-host",
            paramLabel = "HOST[:PORT]",
            description = "Host header and TLS server name for --probe, when the URL names another address (the "
                    + "controller's Service or load balancer)")
    String probeHost;

    @Option(
            names = "--probe-timeout",
            defaultValue = "5s",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "bound on the whole --probe: connect, TLS, answer (default: ${DEFAULT-VALUE})")
    Duration probeTimeout;

    @Option(names = "--insecure", description = "--probe accepts any TLS certificate (self-signed test setups)")
    boolean insecure;

    @Parameters(
            paramLabel = "FILE|DIR|-",
            arity = "0..*",
            description = "manifest files; directories, searched recursively for *.yaml, *.yml and *.json (hidden "
                    + "ones skipped); - for stdin")
    List<String> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private boolean ownsJvm;
    /** Threads that read, convert and judge the input; the output does not depend on it (tests compare). */
    int threads = InOrder.threads();

    LintCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs lint as the command line does and returns the exit code; nothing escapes as an exception. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        return CommandRunner.run("lint", new LintCommand(stdin), args, out, err);
    }

    /**
     * As {@link #run}, in a JVM that does nothing else and ends with it: lint may then run in a JVM started for a
     * short run ({@link ShortRunLauncher}) or set this one up for it ({@link ShortRunJit}), which a test or a server
     * calling {@link #run} must not have done to it.
     */
    public static int runAsProcess(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        OptionalInt shortRun = ShortRunLauncher.run(args, stdin);
        if (shortRun.isPresent()) {
            return shortRun.getAsInt();
        }
        LintCommand command = new LintCommand(stdin);
        command.ownsJvm = true;
        return CommandRunner.run("lint", command, args, out, err);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (probe != null) {
            return probe(out);
        }
        if (probeHost != null || insecure) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--probe-host and --insecure need --probe URL");
        }
        if (inputs == null || inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give FILE|DIR|- to check, or --probe URL");
        }
        if ("-".equals(controllerConfigMap) && inputs.contains("-")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "stdin (-) can be the manifests or the --controller-configmap, not both");
        }
        if (ownsJvm && !ShortRunLauncher.isShortRunJvm()) {
            ShortRunJit.requestFor(ShortRunJit.inputBytes(inputs, stdin));
        }
        LintReport.Result result;
        try {
            ManifestReader reader =
                    new ManifestReader(Limits.DEFAULT, new YamlInParts(Limits.DEFAULT, threads, YamlInParts.MIN_CHARS));
            LintInputs lintInputs = LintInputs.of(reader.read(inputs, stdin), namespace, threads);
            Map<ControllerFlavor, ControllerProfile> profiles = ControllerProfiles.of(
                    controller,
                    controllerConfigMap == null ? null : reader.read(List.of(controllerConfigMap), stdin),
                    controllerConfigMap,
                    new NginxIncSetup(nginxIncVersion, nginxIncPlus, nginxIncSnippets, false));
            lintInputs.notes.forEach(note -> err.println("lint: note: " + note));
            result = check(lintInputs, profiles, err);
        } catch (UnreadableInput e) {
            err.println("lint: " + e.getMessage());
            return UNREADABLE;
        }
        switch (output) {
            case json -> LintReport.json(result, out);
            case sarif -> SarifReport.print(result, BuildVersion.version(), out);
            case github -> GithubAnnotations.print(result, out);
            default -> LintReport.text(result, out);
        }
        return failed(result) ? ERRORS_FOUND : OK;
    }

    private boolean failed(LintReport.Result result) {
        return switch (failOn) {
            case error -> result.errors() > 0;
            case warning -> !result.findings().isEmpty();
            case never -> false;
        };
    }

    private int probe(PrintWriter out) {
        if (inputs != null && !inputs.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--probe checks a live endpoint, not files: run lint on the files separately");
        }
        ProbeRequest request;
        try {
            request = ProbeRequest.of(probe, Optional.ofNullable(probeHost), probeTimeout, insecure);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--probe: " + e.getMessage());
        }
        ProbeResult result = new HandshakeProbe().probe(request);
        ProbeReport.print(request, result, output == Output.json, out);
        return result.upgraded() ? OK : ERRORS_FOUND;
    }

    private IngressNginxVersion ingressNginxVersion() {
        if (ingressNginxVersion == null) {
            return IngressNginxVersion.LATEST;
        }
        try {
            return IngressNginxVersion.parse(ingressNginxVersion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ingress-nginx-version: " + e.getMessage());
        }
    }

    private LintReport.Result check(
            LintInputs lintInputs, Map<ControllerFlavor, ControllerProfile> profiles, PrintWriter err)
            throws UnreadableInput {
        RuleSettings settings = new RuleSettings(
                minIdleTimeout,
                RuleSettings.DEFAULTS.minReloadGrace(),
                ingressNginxVersion(),
                ingressNginxSslPassthrough);
        WebSocketRules rules = new WebSocketRules();
        // each Ingress is judged on its own: on all cores, the findings kept in the input's order
        List<Judged> judged = InOrder.map(
                lintInputs.ingresses,
                sourced -> judge(sourced, lintInputs, profiles, settings, rules),
                threads,
                LintInputs.PARALLEL_MIN_OBJECTS,
                (a, b) -> true);
        List<LintReport.Located> findings = new ArrayList<>();
        int accepted = 0;
        int servedByOtherFlavor = 0;
        for (Judged one : judged) {
            findings.addAll(one.findings());
            accepted += one.accepted();
            servedByOtherFlavor += one.byOtherFlavor() ? 1 : 0;
        }
        for (LintInputs.SourcedRoute sourced : lintInputs.httpRoutes) {
            findings.addAll(checkRoute(lintInputs, sourced, settings, err));
        }
        if (lintInputs.ingresses.isEmpty() && lintInputs.httpRoutes.isEmpty()) {
            err.println("lint: note: no networking.k8s.io/v1 Ingress in the input");
        }
        if (controllerConfigMap != null && servedByOtherFlavor > 0) {
            err.printf(
                    "lint: note: --controller-configmap is read as %s's (--controller); %d Ingress%s served by the "
                            + "other controller use its built-in defaults%n",
                    controller.cliName(), servedByOtherFlavor, servedByOtherFlavor == 1 ? "" : "es");
        }
        return new LintReport.Result(findings, accepted, lintInputs.ingresses.size(), lintInputs.httpRoutes.size());
    }

    /** What one Ingress adds to the report; nothing for another controller's Ingress. */
    private record Judged(List<LintReport.Located> findings, int accepted, boolean byOtherFlavor) {
        static final Judged NOT_OURS = new Judged(List.of(), 0, false);
    }

    private Judged judge(
            LintInputs.SourcedIngress sourced,
            LintInputs lintInputs,
            Map<ControllerFlavor, ControllerProfile> profiles,
            RuleSettings settings,
            WebSocketRules rules)
            throws UnreadableInput {
        IngressClassResolution resolution =
                IngressClasses.resolve(sourced.ingress(), lintInputs.ingressClasses, Optional.of(controller));
        if (!resolution.servedByNginx()) {
            return Judged.NOT_OURS; // another controller's Ingress: not ours to judge
        }
        ControllerFlavor flavor = resolution.flavor().orElseThrow();
        IngressReview review = new IngressReview(
                sourced.ingress(),
                lintInputs.servicesFor(sourced.ingress()),
                lintInputs.replicasFor(sourced.ingress()),
                profiles.get(flavor),
                settings);
        try {
            WebSocketRules.Evaluation evaluation = rules.evaluateWithDetection(review);
            List<LintReport.Located> findings = new ArrayList<>();
            for (Finding finding : evaluation.findings()) {
                findings.add(new LintReport.Located(
                        sourced.source(),
                        finding,
                        sourced.positions().locate(finding.field()).orElse(FIRST_LINE)));
            }
            return new Judged(findings, evaluation.accepted().size(), flavor != controller);
        } catch (RuntimeException e) {
            throw new UnreadableInput("%s: Ingress %s/%s: the rules failed on it (a wsroute bug): %s"
                    .formatted(
                            sourced.source(),
                            sourced.ingress().getMetadata().getNamespace(),
                            sourced.ingress().getMetadata().getName(),
                            e));
        }
    }

    /** One HTTPRoute, judged with the Gateways, classes, policies and Services of the input. */
    private static List<LintReport.Located> checkRoute(
            LintInputs lintInputs, LintInputs.SourcedRoute sourced, RuleSettings settings, PrintWriter err)
            throws UnreadableInput {
        HTTPRoute route = sourced.route();
        try {
            RouteReviews.Assembled assembled = RouteReviews.assemble(route, lintInputs.gatewaySource(), settings);
            assembled
                    .notes()
                    .forEach(note -> err.println("lint: note: " + sourced.source() + ": HTTPRoute "
                            + route.getMetadata().getNamespace() + "/"
                            + route.getMetadata().getName() + ": "
                            + note.replaceFirst("^wsroute: ", "")));
            List<LintReport.Located> out = new ArrayList<>();
            for (Finding finding :
                    new HttpRouteRules().evaluate(assembled.review()).findings()) {
                Optional<LintInputs.SourcedPolicy> policy =
                        finding.kind().equals(NginxGatewayFabric.PROXY_SETTINGS_POLICY_KIND)
                                ? lintInputs.policy(finding.namespace(), finding.name())
                                : Optional.empty();
                String source = policy.map(LintInputs.SourcedPolicy::source).orElse(sourced.source());
                SourcePositions positions =
                        policy.map(LintInputs.SourcedPolicy::positions).orElse(sourced.positions());
                out.add(new LintReport.Located(
                        source, finding, positions.locate(finding.field()).orElse(FIRST_LINE)));
            }
            return out;
        } catch (RuntimeException e) {
            throw new UnreadableInput("%s: HTTPRoute %s/%s: the rules failed on it (a wsroute bug): %s"
                    .formatted(
                            sourced.source(),
                            route.getMetadata().getNamespace(),
                            route.getMetadata().getName(),
                            e));
        }
    }

    /** Durations in nginx time syntax (1h, 90s, 3600), as everywhere else in wsroute. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return NginxTime.parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("not an nginx time value: " + value));
        }
    }

    static final class NginxIncVersionOption implements CommandLine.ITypeConverter<NginxIncVersion> {
        @Override
        public NginxIncVersion convert(String value) {
            try {
                return NginxIncVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FlavorConverter implements CommandLine.ITypeConverter<ControllerFlavor> {
        @Override
        public ControllerFlavor convert(String value) {
            return ControllerFlavor.fromCliName(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException(
                            "must be ingress-nginx or nginx-inc, not " + value));
        }
    }

    /** The version the build wrote. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"wsroute lint " + BuildVersion.version()};
        }
    }
}
