/**
 * What each NGINX data plane does with the settings it reads: annotations, ConfigMap keys, policies, templates.
 *
 * <p>The controllers are written in Go and validate with Go's regexp, which is RE2: linear time, no recursion.
 * Patterns here that see user values are matched with RE2/J ({@code com.google.re2j}) for the same reasons:
 * java.util.regex recurses once per repetition of a group and backtracks exponentially on nested quantifiers, so
 * a long or hostile annotation value would overflow the stack or outlive the webhook's deadline
 * (AdmissionPropertiesTest#longRepetitiveValuesOfEveryKnownAnnotation).
 */
package io.wsroute.nginx;
