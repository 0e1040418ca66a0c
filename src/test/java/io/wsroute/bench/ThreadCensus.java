package io.wsroute.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operator SDK's reconcile threads of a wsroute process were doing at one moment, from a thread dump
 * ({@code jcmd PID Thread.print}): how many exist, how many wait for an answer of the API server (blocked in the
 * Kubernetes client's request), how many are idle (waiting for work in the pool). When every thread waits for the
 * API server, the pool is what bounds the reconciles in flight; when most are idle, it is not.
 */
record ThreadCensus(int reconcileThreads, int waitingForApiServer, int idle) {

    private static final Pattern THREAD = Pattern.compile("(?m)^\"([^\"]*)\"[^\\n]*\\n((?:[ \\t][^\\n]*\\n?)*)");

    static ThreadCensus of(String threadDump) {
        int threads = 0;
        int waiting = 0;
        int idle = 0;
        Matcher m = THREAD.matcher(threadDump);
        while (m.find()) {
            if (!m.group(1).startsWith("ReconcilerExecutor-")) {
                continue;
            }
            threads++;
            String stack = m.group(2);
            if (stack.contains("io.fabric8.kubernetes.client.dsl.internal.OperationSupport.waitForResult")) {
                waiting++;
            } else if (stack.contains("java.util.concurrent.ThreadPoolExecutor.getTask")) {
                idle++;
            }
        }
        return new ThreadCensus(threads, waiting, idle);
    }

    String describe() {
        return "%d reconcile threads: %d waiting for the API server, %d idle, %d working"
                .formatted(reconcileThreads, waitingForApiServer, idle, reconcileThreads - waitingForApiServer - idle);
    }
}
