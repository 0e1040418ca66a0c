package io.wsroute.rules;

import java.util.stream.Stream;

/** One rule, or one theme of closely related rules, applied to an Ingress. */
interface RuleCheck {
    Stream<Finding> check(ReviewedIngress ingress);
}
