package io.wsroute.nginx.live;

import io.wsroute.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds Debian's nginx (installed by hack/nginx.sh, which the build runs before the tests). Tests that need it skip
 * with a loud message only when it is truly absent (that script says why it could not install it), and fail under
 * CI=true ({@link Prerequisites}).
 */
public final class NginxBinary {

    private static final Optional<Path> BINARY = locate();

    private NginxBinary() {}

    /** The nginx executable; skips the calling test (loudly) when there is none, or fails it under CI=true. */
    public static Path require() {
        Prerequisites.require(
                BINARY.isPresent(),
                "no nginx binary (set WSROUTE_NGINX, or install Debian's nginx: hack/nginx.sh): the proof that "
                        + "wsroute's configurations work on real nginx");
        return BINARY.get();
    }

    private static Optional<Path> locate() {
        String configured = System.getenv("WSROUTE_NGINX");
        Stream<Path> candidates = configured != null && !configured.isBlank()
                ? Stream.of(Path.of(configured))
                : Stream.concat(
                        Stream.of(Path.of("/usr/sbin/nginx")),
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                                .filter(dir -> !dir.isEmpty())
                                .map(dir -> Path.of(dir, "nginx")));
        return candidates.filter(Files::isExecutable).findFirst();
    }
}
