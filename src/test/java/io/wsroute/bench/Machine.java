package io.wsroute.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a figure was measured on: cores, memory, JVM and the load average beside it (the machine is shared). */
final class Machine {

    private Machine() {}

    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String describe() {
        return "%d cores, %d MiB max heap of this JVM, java %s (%s), load %s"
                .formatted(
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20,
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        load());
    }
}
