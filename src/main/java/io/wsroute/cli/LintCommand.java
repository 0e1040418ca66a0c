package io.wsroute.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.nginx.ControllerConfigMaps;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.ControllerProfile;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.IngressClasses;
import io.wsroute.nginx.NginxTime;
import io.wsroute.rules.Finding;
import io.wsroute.rules.IngressReview;
import io.wsroute.rules.RuleSettings;
import io.wsroute.rules.Severity;
import io.wsroute.rules.WebSocketRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code wsroute lint}: the admission rules, offline, on manifest files. */
@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checks Ingresses in Kubernetes manifests for settings that break WebSocket traffic behind NGINX.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no error finding (warnings allowed)", "1:at least one error finding",
                "2:unreadable input or bad usage"})
public final class LintCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int ERRORS_FOUND = 1;
    static final int UNREADABLE = 2;

    enum Output { text, json }

    @Option(names = "--output", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Output output;

    @Option(names = "--controller", defaultValue = "ingress-nginx",
            description = "controller flavour when no IngressClass in the input decides: ingress-nginx or nginx-inc "
                    + "(default: ${DEFAULT-VALUE})")
    String controller;

    @Option(names = "--controller-configmap", paramLabel = "FILE",
            description = "the controller's ConfigMap (YAML), for its global timeouts and snippet settings")
    String controllerConfigMap;

    @Option(names = "--nginx-inc-snippets-enabled",
            description = "the F5 controller runs with -enable-snippets (not visible in its ConfigMap)")
    boolean nginxIncSnippets;

    @Option(names = "--min-idle-timeout", defaultValue = "1h", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "idle time WebSockets must survive, nginx time syntax (default: ${DEFAULT-VALUE})")
    Duration minIdleTimeout;

    @Parameters(paramLabel = "FILE|DIR|-", arity = "1..*",
            description = "manifests: files, directories (*.yaml, *.yml, *.json, recursively) or - for stdin")
    List<String> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final ManifestReader reader = new ManifestReader();

    LintCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs lint as the command line does, returning the exit code. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LintCommand(stdin)).setOut(out).setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, a) -> {
                    err.println("lint: " + e.getMessage());
                    e.getCommandLine().usage(err);
                    return UNREADABLE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    err.println("lint: " + e.getMessage());
                    return UNREADABLE;
                });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ControllerFlavor> flavor = ControllerFlavor.fromCliName(controller);
        if (flavor.isEmpty()) {
            err.println("lint: --controller must be ingress-nginx or nginx-inc, got " + controller);
            return UNREADABLE;
        }
        LintInputs lintInputs;
        Map<ControllerFlavor, ControllerProfile> profiles;
        try {
            lintInputs = LintInputs.of(reader.read(inputs, stdin));
            profiles = profiles();
        } catch (ManifestReader.UnreadableInput e) {
            err.println("lint: " + e.getMessage());
            return UNREADABLE;
        }
        RuleSettings settings = new RuleSettings(minIdleTimeout, RuleSettings.DEFAULTS.minReloadGrace());
        WebSocketRules rules = new WebSocketRules();
        List<LintReport.Located> findings = new ArrayList<>();
        for (LintInputs.SourcedIngress sourced : lintInputs.ingresses) {
            IngressClassResolution resolution = IngressClasses.resolve(sourced.ingress(), lintInputs.ingressClasses, flavor);
            if (!resolution.servedByNginx()) {
                continue;
            }
            IngressReview review = new IngressReview(sourced.ingress(), lintInputs.servicesFor(sourced.ingress()),
                    lintInputs.replicasFor(sourced.ingress()), profiles.get(resolution.flavor().get()), settings);
            for (Finding finding : rules.evaluate(review)) {
                findings.add(new LintReport.Located(sourced.source(), finding));
            }
        }
        if (output == Output.json) {
            LintReport.json(findings, out);
        } else {
            LintReport.text(findings, lintInputs.ingresses.size(), out);
        }
        return findings.stream().anyMatch(l -> l.finding().severity() == Severity.ERROR) ? ERRORS_FOUND : OK;
    }

    /** The ConfigMap given applies to the flavour chosen by --controller; the other flavour keeps its defaults. */
    private Map<ControllerFlavor, ControllerProfile> profiles() throws ManifestReader.UnreadableInput {
        Map<ControllerFlavor, ControllerProfile> profiles = new EnumMap<>(ControllerFlavor.class);
        for (ControllerFlavor f : ControllerFlavor.values()) {
            profiles.put(f, ControllerProfile.defaults(f).withSnippetsAllowed(f == ControllerFlavor.NGINX_INC && nginxIncSnippets));
        }
        if (controllerConfigMap != null) {
            ControllerFlavor flavor = ControllerFlavor.fromCliName(controller).orElseThrow();
            var manifests = reader.read(List.of(controllerConfigMap), stdin).stream()
                    .filter(m -> m.object().path("kind").asText().equals("ConfigMap")).toList();
            if (manifests.size() != 1) {
                throw new ManifestReader.UnreadableInput(controllerConfigMap + ": expected exactly one ConfigMap, found "
                        + manifests.size());
            }
            ConfigMap configMap = Serialization.jsonMapper()
                    .convertValue(manifests.get(0).object(), ConfigMap.class);
            profiles.put(flavor, ControllerConfigMaps.read(flavor, configMap.getData(),
                    "ConfigMap " + configMap.getMetadata().getNamespace() + "/" + configMap.getMetadata().getName(),
                    nginxIncSnippets));
        }
        return profiles;
    }

    /** Durations in nginx time syntax (1h, 90s, 3600), as everywhere else in wsroute. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return NginxTime.parse(value)
                    .orElseThrow(() -> new CommandLine.TypeConversionException("not a duration: " + value));
        }
    }
}
