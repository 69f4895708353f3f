package dev.ecsguard.rego;

import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.value.Value;

import java.util.List;
import java.util.Map;

/**
 * One result of a query, as {@code opa eval} reports it: the value of each query expression
 * and the bindings of the query's own variables.
 */
public record QueryResult(List<ExpressionValue> expressions, Map<String, Value> bindings) {
    /** An expression's value with its source text and location in the query. */
    public record ExpressionValue(Value value, String text, Location location) {}
}
