package dev.ecsguard.rego.conformance;

import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.value.Value;

import java.util.List;
import java.util.Map;

/**
 * One OPA-format test case (see ../shared/conformance/README.md for the format).
 *
 * @param wantResult expected binding sets, or null when the case checks definedness or an error
 */
public record ConformanceCase(String file, String note, RegoVersion version, String query, List<String> modules,
                              Value data, Value input, String inputTerm, List<Map<String, Value>> wantResult,
                              boolean sortBindings, Boolean wantDefined, String wantErrorCode, String wantError,
                              boolean strictError, Map<String, String> env, List<String> wantPrints) {
    /** "file :: note", the stable identity used by floors and reports. */
    public String id() { return file + " :: " + note; }
}
