package dev.ecsguard.infra;

import software.amazon.awscdk.App;

/** CDK app entry point; the stack itself is built by the deployment issue. */
public final class EcsGuardApp {
    public static void main(String[] args) {
        App app = new App();
        app.synth();
    }
}
