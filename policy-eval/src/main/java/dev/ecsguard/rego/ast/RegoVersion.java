package dev.ecsguard.rego.ast;

/** Rego language version of a module: v0 (OPA 0.x syntax) or v1 (OPA 1.x default). */
public enum RegoVersion { V0, V1 }
