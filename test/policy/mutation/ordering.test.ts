/**
 * Branch cases found by mutation testing (Stryker, group `ordering`) for ORD-003: which ServiceLinkedRole of the
 * stack a key policy's service-linked role principal is (service, custom suffix `RoleName_<suffix>`), which
 * resources are judged (Key and KeyPolicy), role ARNs that only look like service-linked roles, and preview
 * unknowns (advisory "cannot verify", never a silent pass); and the creation order the ordering rules read
 * (CreationOrder: absent dependency fields, what counts as a recorded graph, siblings, cycles).
 */
import { CreationOrder } from "../../../policy-pack/core/creation-order";
import type { StackResource } from "../../../policy-pack/core/rule";
import { serviceLinkedRoleOf } from "../../../policy-pack/rules/ordering/ord-003-service-linked-role-before-key-policy";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";

const KEY = "aws:kms/key:Key";
const KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";
const SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole";
const AS = "autoscaling.amazonaws.com";
const roleArn = (name: string, service = AS) => `arn:aws:iam::333333333333:role/aws-service-role/${service}/${name}`;
const policyNaming = (...principals: string[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principals }, Action: ["kms:Decrypt"], Resource: "*" }] });
const slr = (name: string, props: Record<string, unknown>) => resource(SLR, name, { awsServiceName: AS, ...props });
const keyAfter = (policy: string, ...before: StackResource[]) => resource(KEY, "ebs", { policy }, { dependencies: before.map((b) => b.urn) });
const messages = (vs: { message: string }[]) => vs.map((v) => v.message).join("\n");

describe("ORD-003: the stack's service-linked role for a principal", () => {
  it("matches a custom suffix (RoleName_<suffix>) to the role created with that customSuffix only", () => {
    const ebs = slr("as-ebs", { customSuffix: "ebs" });
    const plain = slr("as", {});
    const named = policyNaming(roleArn("AWSServiceRoleForAutoScaling_ebs"));
    expect(violationsOf("ORD-003", [ebs, plain, keyAfter(named, ebs)])).toEqual([]);
    const vs = violationsOf("ORD-003", [plain, keyAfter(named, plain)]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("names the service-linked role AWSServiceRoleForAutoScaling_ebs");
    expect(messages(violationsOf("ORD-003", [slr("as-x", { customSuffix: "x" }), keyAfter(named)]))).toContain("does not create it");
  });

  it("takes an empty or null customSuffix as none", () => {
    const named = policyNaming(roleArn("AWSServiceRoleForAutoScaling"));
    for (const customSuffix of ["", null]) {
      const s = slr("as", { customSuffix });
      expect(violationsOf("ORD-003", [s, keyAfter(named, s)])).toEqual([]);
    }
    const suffixed = slr("as", { customSuffix: "ebs" });
    expect(messages(violationsOf("ORD-003", [suffixed, keyAfter(named, suffixed)]))).toContain("does not create it");
  });

  it("needs the role of the same service", () => {
    const other = resource(SLR, "spot", { awsServiceName: "spot.amazonaws.com" });
    const vs = violationsOf("ORD-003", [other, keyAfter(policyNaming(roleArn("AWSServiceRoleForAutoScaling")), other)]);
    expect(messages(vs)).toContain("does not create it");
  });

  it("reads service and role name from the ARN, and ignores role ARNs that are not service-linked roles", () => {
    expect(serviceLinkedRoleOf(roleArn("AWSServiceRoleForAutoScaling_ebs"))).toEqual({ service: AS, roleName: "AWSServiceRoleForAutoScaling_ebs" });
    expect(serviceLinkedRoleOf(`${roleArn("AWSServiceRoleForAutoScaling")}/extra`)).toBeUndefined();
    expect(serviceLinkedRoleOf(`x${roleArn("AWSServiceRoleForAutoScaling")}`)).toBeUndefined();
    expect(violationsOf("ORD-003", [keyAfter(policyNaming("arn:aws:iam::333333333333:role/app", `${roleArn("AWSServiceRoleForAutoScaling")}/extra`))])).toEqual([]);
  });
});

describe("ORD-003: what is judged", () => {
  it("judges KeyPolicy resources like keys, and nothing else with a policy", () => {
    const policy = policyNaming(roleArn("AWSServiceRoleForAutoScaling"));
    expect(messages(violationsOf("ORD-003", [resource(KEY_POLICY, "kp", { keyId: "k", policy })]))).toContain("KeyPolicy");
    expect(violationsOf("ORD-003", [resource("aws:iam/policy:Policy", "p", { policy })])).toEqual([]);
    expect(violationsOf("ORD-003", [resource(KEY, "k", { policy: "{not json" })])).toEqual([]);
  });

  it("does not take another resource type with awsServiceName for the role", () => {
    const lookalike = resource("aws:iam/role:Role", "as", { awsServiceName: AS });
    const vs = violationsOf("ORD-003", [lookalike, keyAfter(policyNaming(roleArn("AWSServiceRoleForAutoScaling")), lookalike)]);
    expect(messages(vs)).toContain("does not create it");
  });

  it("reports an unknown policy, or an unknown role when no known one matches, as 'cannot verify'", () => {
    const unknownPolicy = violationsOf("ORD-003", [previewed(resource(KEY, "k", { policy: sdkProxy.unknownStringValue }))]);
    expect(unknownPolicy.map((v) => v.level)).toEqual(["advisory"]);
    expect(unknownPolicy[0].message).toContain("cannot verify policy");
    const named = policyNaming(roleArn("AWSServiceRoleForAutoScaling_ebs"));
    for (const props of [{ awsServiceName: sdkProxy.unknownStringValue }, { customSuffix: sdkProxy.unknownStringValue }]) {
      const unknownRole = previewed(slr("later", props));
      const vs = violationsOf("ORD-003", [unknownRole, keyAfter(named, unknownRole)]);
      expect(vs.map((v) => v.level)).toEqual(["advisory"]);
      expect(vs[0].message).toContain("cannot verify awsServiceName");
    }
    // A known matching role decides even when another role is unknown.
    const ebs = slr("as-ebs", { customSuffix: "ebs" });
    const unknownRole = previewed(slr("later", { awsServiceName: sdkProxy.unknownStringValue }));
    expect(violationsOf("ORD-003", [unknownRole, ebs, keyAfter(named, ebs)])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// CreationOrder (core/creation-order.ts)
// ---------------------------------------------------------------------------------------------------------

describe("CreationOrder: what counts as a recorded graph", () => {
  // The typings require dependencies; CreationOrder reads them optionally (a resource may arrive without them).
  const bare = (name: string, extra: Partial<StackResource> = {}): StackResource => ({ type: "aws:s3/bucket:Bucket", name, urn: `urn:${name}`, props: {}, ...extra }) as StackResource;

  it("reads resources the engine sent without dependency fields", () => {
    const order = new CreationOrder([bare("a"), bare("b")]);
    expect(order.recorded).toBe(false);
    expect(order.isBefore("urn:a", "urn:b")).toBe(false);
  });

  it("counts property dependencies and parents as a graph, empty lists not", () => {
    expect(new CreationOrder([bare("a"), bare("b", { propertyDependencies: { bucket: ["urn:a"] } })]).recorded).toBe(true);
    expect(new CreationOrder([bare("a"), bare("b", { propertyDependencies: { bucket: [] } })]).recorded).toBe(false);
    expect(new CreationOrder([bare("a"), bare("b", { parent: "urn:a" })]).recorded).toBe(true);
    expect(new CreationOrder([bare("a"), bare("b", { parent: "" })]).recorded).toBe(false);
    const order = new CreationOrder([bare("a"), bare("b", { propertyDependencies: { bucket: ["urn:a"] } })]);
    expect(order.isBefore("urn:a", "urn:b")).toBe(true);
  });

  it("does not order siblings under one component parent", () => {
    const comp = bare("comp", { type: "hardened-cluster:x:Comp" });
    const c1 = bare("c1", { parent: comp.urn });
    const c2 = bare("c2", { parent: comp.urn });
    const order = new CreationOrder([comp, c1, c2]);
    expect(order.isBefore(comp.urn, c2.urn)).toBe(true);
    expect(order.isBefore(c1.urn, c2.urn)).toBe(false);
    expect(order.isBefore(c2.urn, c1.urn)).toBe(false);
  });

  it("terminates on a cycle and never puts a resource before itself", () => {
    const a = bare("a", { dependencies: ["urn:b"] });
    const b = bare("b", { dependencies: ["urn:a"] });
    const order = new CreationOrder([a, b]);
    expect(order.isBefore("urn:a", "urn:b")).toBe(true);
    expect(order.isBefore("urn:a", "urn:a")).toBe(false);
    expect([...order.ancestors("urn:a")]).toEqual(["urn:b"]);
  });
});
