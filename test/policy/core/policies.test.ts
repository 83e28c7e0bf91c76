import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICY_CONFIG_SCHEMA, REMEDIATION_SEPARATOR, toPolicies } from "../../../policy-pack/core/policies";
import { exemptionKey } from "../../../policy-pack/core/exemptions";
import { resourceRule, stackRule } from "../../../policy-pack/core/rule";
import { isUnknownValueError } from "../../../policy-pack/core/unknowns";

const rule = resourceRule({
  id: "TEST-010",
  name: "test-bucket-owner",
  description: "Keys must have an owner tag.",
  enforcementLevel: "mandatory",
  severity: "low",
  groups: ["test"],
  seed: ["S1 §5.12"],
  remediation: "Set tags.owner.",
  resourceTypes: ["aws:kms/key:Key"],
  check(r, report) {
    if (r.props.description === undefined) report({ message: "description is absent", advisory: true });
    if (!r.props.tags?.owner) report("tags.owner is absent");
  },
});

// The preview proxy is internal to @pulumi/policy (not in its typings); this is how the SDK wraps props at preview.
const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(props: T): T;
  unknownStringValue: string;
};

class NotApplicable extends Error {}

function args(type: string, props: Record<string, any>, config: Record<string, unknown> = {}): ResourceValidationArgs {
  return {
    type,
    props,
    urn: `urn:pulumi:s::p::${type}::r`,
    name: "r",
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } } as any,
    stackTags: new Map(),
    isType: (cls: any) => cls.__pulumiType === type,
    asType: (cls: any) => (cls.__pulumiType === type ? props : undefined) as any,
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
}

function run(policy: ResourceValidationPolicy, a: ResourceValidationArgs) {
  const reported: Record<string, any>[] = [];
  const validate = policy.validateResource as (a: ResourceValidationArgs, r: (v: any) => void) => void;
  validate(a, (v: any) => reported.push(v));
  return reported;
}

describe("CrossGuard adapter", () => {
  const [policy] = toPolicies([rule]) as ResourceValidationPolicy[];

  it("carries metadata and the shared config schema", () => {
    expect(policy).toMatchObject({ name: "test-bucket-owner", enforcementLevel: "mandatory", severity: "low", remediationSteps: "Set tags.owner.", tags: ["TEST-010", "test"] });
    expect(policy.description).toBe("TEST-010: Keys must have an owner tag.");
    expect(policy.configSchema).toBe(POLICY_CONFIG_SCHEMA);
    expect(Object.keys(POLICY_CONFIG_SCHEMA.properties)).not.toContain("enforcementLevel");
  });

  it("reports id-prefixed messages with the fix, downgrading advisory findings", () => {
    const reported = run(policy, args("aws:kms/key:Key", {}));
    expect(reported).toEqual([
      { message: `TEST-010: description is absent${REMEDIATION_SEPARATOR}Set tags.owner.`, urn: "urn:pulumi:s::p::aws:kms/key:Key::r", enforcementLevel: "advisory" },
      { message: `TEST-010: tags.owner is absent${REMEDIATION_SEPARATOR}Set tags.owner.`, urn: "urn:pulumi:s::p::aws:kms/key:Key::r" },
    ]);
    expect(run(policy, args("aws:kms/key:Key", { description: "d", tags: { owner: "me" } }))).toEqual([]);
  });

  it("lets the SDK skip other types before deserialising, for single-type rules only", () => {
    expect((policy.validateResource as unknown as { __pulumiType?: string }).__pulumiType).toBe("aws:kms/key:Key");
    const [multi] = toPolicies([{ ...rule, resourceTypes: ["aws:kms/key:Key", "aws:kms/alias:Alias"] }]) as ResourceValidationPolicy[];
    expect((multi.validateResource as unknown as { __pulumiType?: string }).__pulumiType).toBeUndefined();
  });

  it("is not applicable to other types and to exempt resources", () => {
    expect(() => run(policy, args("aws:s3/bucket:Bucket", {}))).toThrow(NotApplicable);
    const tags = { [exemptionKey("TEST-010")]: "owned by the shared-services account" };
    expect(() => run(policy, args("aws:kms/key:Key", { tags }))).toThrow("exempt by");
  });

  it("keeps findings made before an unknown read, then lets the SDK's UnknownValueError through", () => {
    const reported: any[] = [];
    const validate = policy.validateResource as (a: ResourceValidationArgs, r: (v: any) => void) => void;
    const props = unknownCheckingProxy({ tags: unknownStringValue });
    let thrown: unknown;
    try {
      validate(args("aws:kms/key:Key", props), (v: any) => reported.push(v));
    } catch (e) {
      thrown = e;
    }
    expect(isUnknownValueError(thrown)).toBe(true);
    expect(reported.map((r) => r.message.split(REMEDIATION_SEPARATOR)[0])).toEqual(["TEST-010: description is absent"]);
  });

  it("turns stack rules into stack policies reporting against the offending URN", () => {
    const sr = stackRule({
      ...rule,
      id: "TEST-011",
      name: "test-one-key",
      check(resources, report) {
        if (resources.length > 1) report({ message: "more than one key", urn: resources[1].urn });
      },
    });
    const [stackPolicy] = toPolicies([sr]) as StackValidationPolicy[];
    const reported: any[] = [];
    const res = (urn: string) => ({ type: "aws:kms/key:Key", name: urn, urn, props: {}, opts: {}, dependencies: [], propertyDependencies: {}, isType: () => true, asType: () => undefined }) as any;
    (stackPolicy.validateStack as any)({ resources: [res("a"), res("b")], getConfig: () => ({}), stackTags: new Map() }, (v: any) => reported.push(v));
    expect(reported).toEqual([{ message: `TEST-011: more than one key${REMEDIATION_SEPARATOR}Set tags.owner.`, urn: "b" }]);
  });

  it("hands stack rules each resource's ignoreChanges option (AnalyzerResourceOptions)", () => {
    const seen: (readonly string[] | undefined)[] = [];
    const sr = stackRule({ ...rule, id: "TEST-012", name: "test-options", check: (resources) => void seen.push(...resources.map((r) => r.ignoreChanges)) });
    const [stackPolicy] = toPolicies([sr]) as StackValidationPolicy[];
    const res = (urn: string, ignoreChanges: string[]) => ({ type: "aws:kms/key:Key", name: urn, urn, props: { n: urn }, opts: { ignoreChanges }, dependencies: [], propertyDependencies: {}, isType: () => true, asType: () => undefined }) as any;
    (stackPolicy.validateStack as any)({ resources: [res("a", ["scalingConfig.desiredSize"]), res("b", [])], getConfig: () => ({}), stackTags: new Map() }, () => undefined);
    expect(seen).toEqual([["scalingConfig.desiredSize"], []]);
  });
});
