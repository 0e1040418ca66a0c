package io.wsroute.rules;

import java.util.stream.Stream;

/** One theme of rules, applied to an Ingress already known to carry WebSocket traffic. */
interface RuleCheck {
    Stream<Finding> check(ReviewedIngress ingress);
}
