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

    /** User plus system CPU time of a process, in seconds (clock ticks are 1/100 s on Linux). */
    static double cpuSeconds(long pid) throws IOException {
        return userPlusSystem(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime of a /proc stat line, in seconds; the fields after the command, whose name may hold spaces. */
    private static double userPlusSystem(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /**
     * User plus system CPU time of this JVM's child processes that have ended and been waited for ({@code cutime}
     * and {@code cstime}), in seconds: read before and after a child's run to get its CPU.
     */
    static double childrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    /**
     * CPU seconds (user+sys) of the threads of a process whose name starts with the prefix, e.g. "C2 CompilerThre"
     * (Linux keeps 15 characters of a thread's name); threads that ended are not counted.
     */
    static double threadCpuSeconds(long pid, String... prefixes) throws IOException {
        double sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        sum += userPlusSystem(stat);
                        break;
                    }
                }
            }
        }
        return sum;
    }

    /**
     * CPU seconds the whole machine has spent busy (every core, every process: /proc/stat's first line without idle
     * and iowait) and the seconds of CPU it had in all, since boot: two readings tell how busy the cores were between
     * them, so a benchmark can tell "the cores were full" (CPU-bound) from "they waited" (latency-bound).
     */
    static double[] busyAndTotalSeconds() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/stat"))
                .lines()
                .findFirst()
                .orElseThrow()
                .trim()
                .split("\\s+");
        long busy = 0;
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is already in user)
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            long ticks = Long.parseLong(fields[i]);
            total += ticks;
            if (i != 4 && i != 5) {
                busy += ticks;
            }
        }
        return new double[] {busy / 100.0, total / 100.0};
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
