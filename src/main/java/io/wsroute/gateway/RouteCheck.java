package io.wsroute.gateway;

import io.wsroute.rules.Finding;
import java.util.stream.Stream;

/** One or more rules judged on an HTTPRoute. */
interface RouteCheck {
    Stream<Finding> check(ReviewedRoute route);
}
