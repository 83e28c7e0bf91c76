import type { PackConfig } from "./config";

/** Enforcement of a rule; `disabled` turns it off through pack config. */
export type EnforcementLevel = "advisory" | "mandatory" | "disabled";

/** How bad a violation is (CrossGuard `severity`). */
export type Severity = "low" | "medium" | "high" | "critical";

/** Everything a reader of a report needs to know about a rule, kept beside its check. */
export interface RuleMetadata {
  /** Stable catalog id, e.g. `EKS-001`. Also the first token of every message. */
  readonly id: string;
  /** Kebab-case CrossGuard policy name, e.g. `eks-private-endpoint-enabled`. */
  readonly name: string;
  /** One sentence: what the rule demands. */
  readonly description: string;
  /** Default enforcement, overridable per rule through pack config. */
  readonly enforcementLevel: "advisory" | "mandatory";
  readonly severity: Severity;
  /** Tags used by `scan --only`, e.g. `eks`, `pss-baseline`, `rbac`. */
  readonly groups: readonly string[];
  /** Seed guidance the rule implements, e.g. `S1 §5.4.1`. */
  readonly seed: readonly string[];
  /** Upstream reference (spec, code or docs) where one exists. */
  readonly upstream?: string;
  /** The exact field and value to set to comply. */
  readonly remediation: string;
}

/** One violation found by a check. */
export interface Finding {
  /** What is wrong, naming the field (the rule id is prefixed by the evaluator). */
  readonly message: string;
  /** Field-specific fix; defaults to the rule's remediation. */
  readonly remediation?: string;
  /** URN of the offending resource; required for stack rules. */
  readonly urn?: string;
  /** Force advisory level, e.g. "cannot verify at preview" findings. */
  readonly advisory?: boolean;
}

/** Callback a check uses to report findings one at a time (so findings made before an unknown read survive). */
export type Report = (finding: Finding | string) => void;

/** The view of one resource a resource rule judges: its checked inputs. */
export interface ResourceUnderTest {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, any>;
  /** The Kubernetes provider's default namespace (`args.provider.props.namespace`), when known. */
  readonly providerNamespace?: string;
}

/** The view of one resource a stack rule sees: outputs plus the dependency graph. */
export interface StackResource extends ResourceUnderTest {
  readonly parent?: string;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** The resource's `ignoreChanges` option (analyzer requests carry it as `AnalyzerResourceOptions`), when known. */
  readonly ignoreChanges?: readonly string[];
}

/** A rule judging one resource at a time from its own inputs. */
export interface ResourceRule extends RuleMetadata {
  readonly kind: "resource";
  /** Pulumi type tokens the rule applies to. */
  readonly resourceTypes: readonly string[];
  check(resource: ResourceUnderTest, report: Report, config: PackConfig): void;
}

/** A rule that needs several resources (joins through URNs and property dependencies). */
export interface StackRule extends RuleMetadata {
  readonly kind: "stack";
  /** Types the rule reads; used by the scanner and docs. */
  readonly resourceTypes: readonly string[];
  check(resources: readonly StackResource[], report: Report, config: PackConfig): void;
}

/** Any rule of the pack. */
export type Rule = ResourceRule | StackRule;

/** Define a resource rule with its metadata beside the check. */
export function resourceRule(rule: Omit<ResourceRule, "kind">): ResourceRule {
  return { ...rule, kind: "resource" };
}

/** Define a stack rule with its metadata beside the check. */
export function stackRule(rule: Omit<StackRule, "kind">): StackRule {
  return { ...rule, kind: "stack" };
}
