package dev.ecsguard.aws;

import dev.ecsguard.input.EcsClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Which clients reach the account and region a resource lives in. The function's own account
 * (learnt from the Lambda context, else from STS GetCallerIdentity, once) is reached with its own
 * credentials; another account (an event forwarded to a central bus) through the role
 * {@code arn:PARTITION:iam::ACCOUNT:role/MEMBER_ROLE_NAME}, assumed with STS (session name
 * {@code ecs-guard-EVENTID}, from the event that needed it) and kept until five minutes before it
 * expires. Clients are built once per account and region.
 *
 * <p>Reads (task definition, service) of another account go through the role too; without
 * {@code MEMBER_ROLE_NAME} they are tried with the function's own credentials (ECS answers with an
 * error, and the decision is "error"), and actions are not allowed ({@link #forActions}).
 */
public final class AccountAccess implements EcsClients {
    /** Assumed credentials are renewed this long before they expire. */
    public static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    static final int MAX_SESSION_NAME = 64;

    /** The clients to act with in one account and region, or why there are none. */
    public sealed interface Access {
        record Granted(String account, String region, EcsClient ecs, ApplicationAutoScalingClient autoScaling, String via)
                implements Access {}

        record Denied(String reason) implements Access {}
    }

    private record Clients(EcsClient ecs, ApplicationAutoScalingClient autoScaling) {}

    private final ClientFactory factory;
    private final Optional<String> memberRoleName;
    private final StsClient sts;
    private final Clock clock;
    private final Map<String, Clients> clients = new ConcurrentHashMap<>();
    private final Map<String, RoleCredentials> roles = new ConcurrentHashMap<>();
    private volatile String homeAccount;
    private volatile String currentEventId = "unknown";

    public AccountAccess(ClientFactory factory, Optional<String> memberRoleName, StsClient sts, Clock clock) {
        this.factory = factory;
        this.memberRoleName = memberRoleName;
        this.sts = sts;
        this.clock = clock;
    }

    /** The event being handled: a role assumed now is named after it ({@code ecs-guard-EVENTID}). */
    public void startEvent(String eventId) {
        currentEventId = eventId == null || eventId.isBlank() ? "unknown" : eventId;
    }

    /** The function's own account, when the caller knows it (the Lambda context's function ARN). */
    public void learnHomeAccount(String account) {
        if (account != null && !account.isBlank() && homeAccount == null) {
            homeAccount = account;
        }
    }

    /** The function's own account: as learnt, else from STS GetCallerIdentity (once). */
    public String homeAccount() {
        String known = homeAccount;
        if (known == null) {
            known = sts.getCallerIdentity().account();
            homeAccount = known;
        }
        return known;
    }

    public Optional<String> memberRoleName() {
        return memberRoleName;
    }

    /** True when the account is another than the function's own (an unknown account is the function's own). */
    public boolean isOtherAccount(String account) {
        return account != null && !account.isBlank() && !account.equals(homeAccount());
    }

    /** The clients to act with on a resource of {@code account} in {@code region}. Never throws. */
    public Access forActions(String account, String region) {
        String r = region == null || region.isBlank() ? factory.homeRegion().id() : region;
        try {
            if (!isOtherAccount(account)) {
                Clients c = clients("home", r, null);
                return new Access.Granted(account, r, c.ecs(), c.autoScaling(), "the function's own credentials");
            }
            if (memberRoleName.isEmpty()) {
                return new Access.Denied("the resource is in account " + account + ", not this function's account "
                        + homeAccount() + ", and MEMBER_ROLE_NAME is not set");
            }
            String role = roleArn(account, r);
            Clients c = clients(account, r, role);
            return new Access.Granted(account, r, c.ecs(), c.autoScaling(), "role " + role);
        } catch (SdkException e) {
            return new Access.Denied("cannot reach account " + account + ": " + e.getMessage());
        }
    }

    /** Reads: the member role for another account when one is configured, else the function's own credentials. */
    @Override
    public EcsClient forResource(String account, String region) {
        String r = region == null || region.isBlank() ? factory.homeRegion().id() : region;
        if (account != null && memberRoleName.isPresent() && isOtherAccount(account)) {
            return clients(account, r, roleArn(account, r)).ecs();
        }
        return clients("home", r, null).ecs();
    }

    public String roleArn(String account, String region) {
        return "arn:" + Arn.partitionOf(region) + ":iam::" + account + ":role/" + memberRoleName.orElseThrow();
    }

    private Clients clients(String account, String region, String roleArn) {
        return clients.computeIfAbsent(account + "/" + region, k -> {
            AwsCredentialsProvider creds = roleArn == null ? factory.credentials() : new AssumedRole(roleArn);
            Region reg = Region.of(region);
            return new Clients(factory.ecs(reg, creds), factory.applicationAutoScaling(reg, creds));
        });
    }

    /** Session names allow {@code [\w+=,.@-]}, at most 64 characters. */
    static String sessionName(String eventId) {
        String name = ("ecs-guard-" + eventId).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > MAX_SESSION_NAME ? name.substring(0, MAX_SESSION_NAME) : name;
    }

    private record RoleCredentials(AwsSessionCredentials credentials, Instant expiration) {}

    /** Credentials of an assumed role, assumed again when they are within {@link #REFRESH_BEFORE_EXPIRY} of expiring. */
    private final class AssumedRole implements AwsCredentialsProvider {
        private final String roleArn;

        AssumedRole(String roleArn) {
            this.roleArn = roleArn;
        }

        @Override
        public AwsCredentials resolveCredentials() {
            RoleCredentials held = roles.get(roleArn);
            Instant now = clock.instant();
            if (held != null && held.expiration().minus(REFRESH_BEFORE_EXPIRY).isAfter(now)) {
                return held.credentials();
            }
            synchronized (this) {
                held = roles.get(roleArn);
                if (held != null && held.expiration().minus(REFRESH_BEFORE_EXPIRY).isAfter(now)) {
                    return held.credentials();
                }
                AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName(sessionName(currentEventId)));
                Credentials c = r.credentials();
                if (c == null) {
                    throw SdkClientException.create("AssumeRole " + roleArn + " returned no credentials");
                }
                RoleCredentials fresh = new RoleCredentials(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken()), c.expiration());
                roles.put(roleArn, fresh);
                return fresh.credentials();
            }
        }
    }

    /** How many times a role was assumed (tests: the cache is used). */
    int rolesHeld() {
        return roles.size();
    }
}
