package dev.ecsguard.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Policies from SSM Parameter Store, SecureString parameters decrypted:
 *
 * <ul>
 *   <li>one parameter ({@code POLICY_PARAMETER}): one Rego module;
 *   <li>a parameter path ({@code POLICY_PATH}), read recursively with GetParametersByPath (every
 *       page): a parameter whose name ends in {@code .json}, or whose value starts with
 *       <code>{</code>, is a JSON data document merged at the root of {@code data}; every other
 *       parameter is a Rego module.
 * </ul>
 */
public final class SsmPolicySource implements PolicySource {
    private final SsmClient ssm;
    private final String name;
    private final boolean path;

    private SsmPolicySource(SsmClient ssm, String name, boolean path) {
        this.ssm = ssm;
        this.name = name;
        this.path = path;
    }

    public static SsmPolicySource parameter(SsmClient ssm, String name) {
        return new SsmPolicySource(ssm, name, false);
    }

    public static SsmPolicySource path(SsmClient ssm, String path) {
        return new SsmPolicySource(ssm, path, true);
    }

    @Override
    public String describe() {
        return (path ? "ssm parameter path " : "ssm parameter ") + name;
    }

    @Override
    public PolicyContents load() throws PolicyLoadException {
        try {
            return path ? loadPath() : loadParameter();
        } catch (SdkException e) {
            throw new PolicyLoadException(describe() + ": " + e.getMessage(), e);
        }
    }

    private PolicyContents loadParameter() {
        Parameter p = ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter();
        return PolicyContents.of("ssm:" + p.name() + ":" + p.version(), Map.of(p.name(), p.value()), Map.of());
    }

    private PolicyContents loadPath() throws PolicyLoadException {
        Map<String, String> modules = new TreeMap<>();
        Map<String, String> data = new TreeMap<>();
        Instant latest = Instant.EPOCH;
        int count = 0;
        String nextToken = null;
        List<Parameter> parameters = new ArrayList<>();
        do {
            GetParametersByPathResponse page = ssm.getParametersByPath(GetParametersByPathRequest.builder()
                    .path(name).recursive(true).withDecryption(true).nextToken(nextToken).build());
            parameters.addAll(page.parameters());
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        for (Parameter p : parameters) {
            count++;
            if (p.lastModifiedDate() != null && p.lastModifiedDate().isAfter(latest)) {
                latest = p.lastModifiedDate();
            }
            String value = p.value() == null ? "" : p.value();
            if (isData(p.name(), value)) {
                data.put(p.name(), value);
            } else {
                modules.put(p.name(), value);
            }
        }
        if (count == 0) {
            throw new PolicyLoadException(describe() + ": no parameters under the path");
        }
        if (modules.isEmpty()) {
            throw new PolicyLoadException(describe() + ": no Rego module among its " + count + " parameters");
        }
        return PolicyContents.of("ssm:" + name + "@" + latest, modules, data);
    }

    static boolean isData(String parameterName, String value) {
        return parameterName.endsWith(".json") || value.stripLeading().startsWith("{");
    }
}
