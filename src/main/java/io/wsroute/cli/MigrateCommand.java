package io.wsroute.cli;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.wsroute.gateway.ParentRef;
import io.wsroute.migrate.GatewayApiMigration;
import io.wsroute.migrate.Migrated;
import io.wsroute.migrate.Migration;
import io.wsroute.migrate.MigrationOptions;
import io.wsroute.migrate.MigrationReport;
import io.wsroute.nginx.ControllerFlavor;
import io.wsroute.nginx.IngressClassResolution;
import io.wsroute.nginx.IngressClasses;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wsroute migrate}: ingress-nginx Ingresses rewritten for another NGINX data plane, with a report. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        versionProvider = TopLevel.Version.class,
        description = {
            "Rewrites the community ingress-nginx Ingresses in Kubernetes manifests for the F5 NGINX Ingress "
                    + "Controller so that their WebSocket traffic keeps working: nginx.org annotations with the "
                    + "same effect, nginx.org/websocket-services for every Service that may carry WebSocket, the F5 "
                    + "IngressClass; or, with --to gateway-api, as HTTPRoutes on an NGINX Gateway Fabric Gateway with "
                    + "the idle timeouts in a ProxySettingsPolicy.",
            "",
            "The manifests go to stdout, a report per Ingress to stderr: what was translated, what has no "
                    + "equivalent and what that means for the traffic, what you must decide, and which signal made "
                    + "a Service WebSocket. Reads input as lint does; Services in the input are used."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:everything translated",
            "1:something has no equivalent or needs a decision (see the report)",
            "2:unreadable or invalid input, or bad usage"
        })
public final class MigrateCommand implements Callable<Integer> {

    static final int TRANSLATED = 0;
    static final int NEEDS_DECISION = 1;
    static final int UNREADABLE = CommandRunner.UNREADABLE;

    static final String GATEWAY_API = "gateway-api";

    private static final Pattern NAMESPACED_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?/[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @Option(
            names = "--to",
            required = true,
            paramLabel = "nginx-inc|gateway-api",
            description = "the data plane to move to; nginx-inc: the F5 NGINX Ingress Controller; gateway-api: "
                    + "HTTPRoutes and ProxySettingsPolicies for NGINX Gateway Fabric")
    String to;

    @Option(
            names = "--ingress-class",
            defaultValue = MigrationOptions.DEFAULT_NGINX_INC_CLASS,
            paramLabel = "NAME",
            description = "the IngressClass the F5 controller serves (default: ${DEFAULT-VALUE}, its Helm chart's)")
    String ingressClass;

    @Option(
            names = "--gateway",
            paramLabel = "NS/NAME",
            description = "with --to gateway-api: the Gateway (NGINX Gateway Fabric) the HTTPRoutes attach to")
    String gateway;

    @Option(
            names = "--websocket-service",
            paramLabel = "NS/NAME",
            description = "a Service that carries WebSocket whatever the manifests say (repeatable)")
    List<String> webSocketServices = new ArrayList<>();

    @Option(
            names = {"-n", "--namespace"},
            defaultValue = "default",
            paramLabel = "NAMESPACE",
            description = "namespace of objects that name none, as kubectl apply -n (default: ${DEFAULT-VALUE})")
    String namespace;

    @Parameters(
            paramLabel = "FILE|DIR|-",
            arity = "1..*",
            description =
                    "manifest files; directories, searched recursively for *.yaml, *.yml and *.json; - for " + "stdin")
    List<String> inputs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;

    MigrateCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs migrate as the command line does and returns the exit code; nothing escapes as an exception. */
    public static int run(String[] args, InputStream stdin, PrintWriter out, PrintWriter err) {
        return CommandRunner.run("migrate", new MigrateCommand(stdin), args, out, err);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean toGateway = to.equals(GATEWAY_API);
        if (!toGateway && !to.equals(ControllerFlavor.NGINX_INC.cliName())) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--to must be nginx-inc or gateway-api, not " + to);
        }
        if (toGateway != (gateway != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    toGateway
                            ? "--to gateway-api needs --gateway NAMESPACE/NAME (the Gateway the routes attach to)"
                            : "--gateway is only read with --to gateway-api");
        }
        if (toGateway && !NAMESPACED_NAME.matcher(gateway).matches()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--gateway takes NAMESPACE/NAME, not " + gateway);
        }
        Set<String> pinned = new LinkedHashSet<>();
        for (String service : webSocketServices) {
            if (!NAMESPACED_NAME.matcher(service).matches()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--websocket-service takes NAMESPACE/NAME, not " + service);
            }
            pinned.add(service);
        }
        LintInputs manifests;
        try {
            manifests = LintInputs.of(new ManifestReader(Limits.DEFAULT).read(inputs, stdin), namespace);
        } catch (UnreadableInput e) {
            err.println("migrate: " + e.getMessage());
            return UNREADABLE;
        }
        manifests.notes.forEach(note -> err.println("migrate: note: " + note));
        List<LintInputs.SourcedIngress> served = new ArrayList<>();
        for (LintInputs.SourcedIngress sourced : manifests.ingresses) {
            IngressClassResolution resolution = IngressClasses.resolve(
                    sourced.ingress(), manifests.ingressClasses, Optional.of(ControllerFlavor.INGRESS_NGINX));
            if (resolution
                    .flavor()
                    .filter(ControllerFlavor.INGRESS_NGINX::equals)
                    .isEmpty()) {
                err.printf(
                        "migrate: note: %s: Ingress %s/%s is not served by ingress-nginx; left out%n",
                        sourced.source(),
                        sourced.ingress().getMetadata().getNamespace(),
                        sourced.ingress().getMetadata().getName());
                continue;
            }
            served.add(sourced);
        }
        List<? extends Migrated> finished;
        if (toGateway) {
            GatewayApiMigration migration =
                    new GatewayApiMigration(new ParentRef(0, gateway.split("/")[0], gateway.split("/")[1]), pinned);
            finished = served.stream()
                    .map(s -> migration.migrate(s.source(), s.ingress(), manifests.servicesFor(s.ingress())))
                    .toList();
        } else {
            Migration migration = new Migration(new MigrationOptions(ingressClass, pinned));
            served.forEach(s -> migration.add(s.source(), s.ingress(), manifests.servicesFor(s.ingress())));
            finished = migration.finish();
        }
        finished.forEach(m -> m.objects().forEach(o -> out.print(Serialization.asYaml(o))));
        MigrationReport.print(finished, err);
        if (finished.isEmpty()) {
            err.println("migrate: note: no ingress-nginx Ingress in the input");
        }
        return finished.stream().anyMatch(Migrated::needsDecision) ? NEEDS_DECISION : TRANSLATED;
    }
}
