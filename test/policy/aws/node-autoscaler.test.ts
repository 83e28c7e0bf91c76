import type { StackResource } from "../../../policy-pack/core/rule";
import { ignoresDesiredSize } from "../../../policy-pack/rules/node/node-011-ignored-desired-size-needs-autoscaler";
import { resource } from "../../support/rules";
import { advisory, runCases, type RuleCase } from "./cases";

// Issue 20 part 5 (audit R5): NODE-011, a node group that leaves desiredSize to an autoscaler (ignoreChanges) needs one in
// the stack. The engine forwards ignoreChanges in AnalyzerResourceOptions (engine/analyzer-client.ts), the SDK hands it to
// stack policies as `opts.ignoreChanges` (policy-pack/core/policies.ts → StackResource.ignoreChanges).

const NG = "aws:eks/nodeGroup:NodeGroup";
const PIA = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const ROLE = "aws:iam/role:Role";

const group = (name: string, ignoreChanges: string[]) => resource(NG, name, { nodeGroupName: name, scalingConfig: { minSize: 0, desiredSize: 0, maxSize: 3 } }, { ignoreChanges });
const identity = (serviceAccount: string) => resource(PIA, `${serviceAccount}-pia`, { clusterName: "hc", namespace: "kube-system", serviceAccount, roleArn: "arn:aws:iam::123456789012:role/x" });
const deployment = (image: string) =>
  resource(DEPLOYMENT, "ca", { metadata: { name: "ca", namespace: "kube-system" }, spec: { template: { spec: { containers: [{ name: "main", image }] } } } });
const irsaRole = (subject: string) =>
  resource(ROLE, "irsa", {
    assumeRolePolicy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/X:sub": subject } } }] }),
  });
const IGNORED = ["scalingConfig.desiredSize"];
const two: StackResource[] = [group("general", IGNORED), group("sensitive", IGNORED)];

const cases: RuleCase[] = [
  { title: "compliant: desiredSize ignored, the cluster-autoscaler Pod Identity association is in the stack", rule: "NODE-011", target: [...two, identity("cluster-autoscaler")], expect: null },
  { title: "compliant: desiredSize ignored, a Karpenter Pod Identity association", rule: "NODE-011", target: [...two, identity("karpenter")], expect: null },
  { title: "compliant: desiredSize ignored, the cluster-autoscaler Deployment (same-stack layout)", rule: "NODE-011", target: [...two, deployment("registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.2")], expect: null },
  { title: "compliant: desiredSize ignored, the cluster-autoscaler Helm chart", rule: "NODE-011", target: [...two, resource(RELEASE, "ca", { chart: "cluster-autoscaler", namespace: "kube-system" })], expect: null },
  { title: "compliant: desiredSize ignored, an IRSA role for the cluster-autoscaler service account", rule: "NODE-011", target: [...two, irsaRole("system:serviceaccount:kube-system:cluster-autoscaler")], expect: null },
  { title: "compliant: desiredSize managed by the stack (no ignoreChanges), no autoscaler", rule: "NODE-011", target: [group("general", []), group("system", ["tags"])], expect: null },
  { title: "violating: desiredSize ignored, no autoscaler at all", rule: "NODE-011", target: two, expect: advisory("node group sensitive ignores changes to scalingConfig.desiredSize", 2) },
  { title: "violating: the whole scalingConfig ignored, no autoscaler", rule: "NODE-011", target: [group("general", ["scalingConfig"])], expect: advisory("runs no autoscaler", 1) },
  { title: "violating: only another workload's identity and Deployment", rule: "NODE-011", target: [...two, identity("payments-secrets"), deployment("registry.k8s.io/autoscaling/addon-resizer:1.8.20")], expect: advisory("runs no autoscaler", 2) },
  { title: "violating: an IRSA role for another service account", rule: "NODE-011", target: [group("general", IGNORED), irsaRole("system:serviceaccount:kube-system:cluster-autoscaler-test")], expect: advisory("runs no autoscaler", 1) },
];

describe("NODE-011: a node group that leaves desiredSize to an autoscaler has one", () => {
  runCases(cases);

  test("ignoreChanges paths that cover desiredSize", () => {
    expect(["scalingConfig.desiredSize", "scalingConfig", "*", "scalingConfig[0].desiredSize"].map((p) => ignoresDesiredSize([p]))).toEqual([true, true, true, true]);
    expect(ignoresDesiredSize(["scalingConfig.maxSize", "tags"])).toBe(false);
    expect(ignoresDesiredSize(undefined)).toBe(false);
  });
});

// NODE-011 on the recorded dev and prod stacks: test/infra/node-autoscaler-stacks.test.ts (it records whole platform
// programs, like the other stack tests, and is left out of the mutation runs).
