package dev.ecsguard.policy;

/**
 * Where policies come from: a directory or file ({@link DirectoryPolicySource}, for replay and
 * check) or SSM Parameter Store ({@link SsmPolicySource}, for the Lambda).
 */
public interface PolicySource {
    /**
     * Reads the current contents.
     *
     * @throws PolicyLoadException when they cannot be read (missing, access denied, empty)
     */
    PolicyContents load() throws PolicyLoadException;

    /** Where, for log lines: {@code ssm parameter /ecs-guard/policy}, {@code directory policies}. */
    String describe();
}
