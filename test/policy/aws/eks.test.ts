import { resource } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";

const CLUSTER = "aws:eks/cluster:Cluster";
const KEY = "aws:kms/key:Key";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const ASSOC = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
const cluster = (props: Record<string, unknown>, extra = {}) => resource(CLUSTER, "eks", { roleArn: "arn:aws:iam::111122223333:role/eks", ...props }, extra);
const vpc = (v: Record<string, unknown>) => cluster({ vpcConfig: { subnetIds: ["subnet-1"], ...v } });
const ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const BREAK_GLASS = "arn:aws:iam::111122223333:role/break-glass";

const key = (props: Record<string, unknown> = {}) => resource(KEY, "secrets-key", { enableKeyRotation: true, ...props });
const encrypted = (k: ReturnType<typeof key>) =>
  cluster({ encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:111122223333:key/abc" }, resources: ["secrets"] } }, { propertyDependencies: { encryptionConfig: [k.urn] } });

const cases: RuleCase[] = [
  { title: "EKS-001 ✔ private on, public off", rule: "EKS-001", target: vpc({ endpointPrivateAccess: true, endpointPublicAccess: false }), expect: null },
  { title: "EKS-001 ✘ only subnetIds", rule: "EKS-001", target: vpc({}), expect: mandatory("vpcConfig.endpointPrivateAccess") },
  { title: "EKS-001 ✘ no vpcConfig at all", rule: "EKS-001", target: cluster({}), expect: mandatory("endpointPrivateAccess") },
  { title: "EKS-002 ✔ public false", rule: "EKS-002", target: vpc({ endpointPublicAccess: false }), expect: null },
  { title: "EKS-002 ✘ public absent", rule: "EKS-002", target: vpc({}), expect: mandatory("vpcConfig.endpointPublicAccess") },
  { title: "EKS-002 ✔ public allowed by config", rule: "EKS-002", target: vpc({ endpointPublicAccess: true }), config: { allowPublicEndpoint: true }, expect: null },
  { title: "EKS-003 ✔ public with trusted CIDR", rule: "EKS-003", target: vpc({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }), config: { trustedCidrs: ["203.0.113.0/24"] }, expect: null },
  { title: "EKS-003 ✘ public with no CIDRs", rule: "EKS-003", target: vpc({ endpointPublicAccess: true }), expect: mandatory("vpcConfig.publicAccessCidrs") },
  { title: "EKS-003 ✘ public absent (default true) and ::/0", rule: "EKS-003", target: vpc({ publicAccessCidrs: ["::/0"] }), expect: mandatory("publicAccessCidrs[0]") },
  { title: "EKS-003 ✘ CIDR outside trustedCidrs", rule: "EKS-003", target: vpc({ endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24"] }), config: { trustedCidrs: ["203.0.113.0/24"] }, expect: mandatory("trustedCidrs") },
  { title: "EKS-003 ✔ public off", rule: "EKS-003", target: vpc({ endpointPublicAccess: false }), expect: null },
  { title: "EKS-004 ✔ CMK for secrets", rule: "EKS-004", target: encrypted(key()), expect: null },
  { title: "EKS-004 ✘ no encryptionConfig", rule: "EKS-004", target: cluster({}), expect: mandatory("encryptionConfig") },
  { title: "EKS-004 ✘ resources without secrets", rule: "EKS-004", target: cluster({ encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:1:key/a" }, resources: [] } }), expect: mandatory("encryptionConfig.resources") },
  { title: "EKS-004 ✘ keyArn absent", rule: "EKS-004", target: cluster({ encryptionConfig: { provider: {}, resources: ["secrets"] } }), expect: mandatory("encryptionConfig.provider.keyArn") },
  { title: "EKS-004 ✘ alias/aws/ key", rule: "EKS-004", target: cluster({ encryptionConfig: { provider: { keyArn: "arn:aws:kms:eu-west-1:1:alias/aws/eks" }, resources: ["secrets"] } }), expect: mandatory("AWS-managed") },
  { title: "EKS-004S ✔ symmetric rotated key", rule: "EKS-004S", target: (() => { const k = key(); return [k, encrypted(k)]; })(), expect: null },
  { title: "EKS-004S ✘ asymmetric key", rule: "EKS-004S", target: (() => { const k = key({ customerMasterKeySpec: "RSA_2048" }); return [k, encrypted(k)]; })(), expect: mandatory("customerMasterKeySpec") },
  { title: "EKS-004S ✘ key without rotation fails KMS-001", rule: "EKS-004S", target: (() => { const k = key({ enableKeyRotation: false }); return [k, encrypted(k)]; })(), expect: mandatory("KMS-001") },
  { title: "EKS-004S ✘ disabled key", rule: "EKS-004S", target: (() => { const k = key({ isEnabled: false }); return [k, encrypted(k)]; })(), expect: mandatory("isEnabled") },
  { title: "EKS-004S ✘ SIGN_VERIFY key", rule: "EKS-004S", target: (() => { const k = key({ keyUsage: "SIGN_VERIFY" }); return [k, encrypted(k)]; })(), expect: mandatory("keyUsage") },
  { title: "EKS-005 ✔ all five", rule: "EKS-005", target: cluster({ enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"] }), expect: null },
  { title: "EKS-005 ✘ api+audit only", rule: "EKS-005", target: cluster({ enabledClusterLogTypes: ["api", "audit"] }), expect: mandatory("enabledClusterLogTypes") },
  { title: "EKS-005 ✘ absent", rule: "EKS-005", target: cluster({}), expect: mandatory("controllerManager") },
  { title: "EKS-006 ✔ API", rule: "EKS-006", target: cluster({ accessConfig: { authenticationMode: "API" } }), expect: null },
  { title: "EKS-006 ✘ absent", rule: "EKS-006", target: cluster({}), expect: mandatory("accessConfig.authenticationMode") },
  { title: "EKS-006 ✘ API_AND_CONFIG_MAP", rule: "EKS-006", target: cluster({ accessConfig: { authenticationMode: "API_AND_CONFIG_MAP" } }), expect: mandatory("API_AND_CONFIG_MAP") },
  { title: "EKS-007 ✔ 1.34", rule: "EKS-007", target: cluster({ version: "1.34" }), expect: null },
  { title: "EKS-007 ✘ 1.28", rule: "EKS-007", target: cluster({ version: "1.28" }), expect: mandatory("minKubernetesVersion") },
  { title: "EKS-007 ✘ absent", rule: "EKS-007", target: cluster({}), expect: mandatory("version") },
  { title: "EKS-007 ✘ old + EXTENDED mentioned", rule: "EKS-007", target: cluster({ version: "1.30", upgradePolicy: { supportType: "EXTENDED" } }), expect: mandatory("upgradePolicy.supportType") },
  { title: "EKS-007 ✔ 1.9 vs 1.10 compares numerically", rule: "EKS-007", target: cluster({ version: "1.10" }), config: { minKubernetesVersion: "1.9" }, expect: null },
  { title: "EKS-008 ✘ bootstrap admin absent", rule: "EKS-008", target: cluster({ accessConfig: { authenticationMode: "API" } }), expect: mandatory("accessConfig.bootstrapClusterCreatorAdminPermissions") },
  { title: "EKS-008 ✔ bootstrap false", rule: "EKS-008", target: cluster({ accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false } }), expect: null },
  { title: "EKS-008 ✘ access entry system:masters", rule: "EKS-008", target: resource(ENTRY, "e", { clusterName: "c", principalArn: "arn:aws:iam::1:role/x", kubernetesGroups: ["system:masters"] }), expect: mandatory("kubernetesGroups") },
  { title: "EKS-008 ✔ access entry ordinary group", rule: "EKS-008", target: resource(ENTRY, "e", { clusterName: "c", principalArn: "arn:aws:iam::1:role/x", kubernetesGroups: ["viewers"] }), expect: null },
  { title: "EKS-008 ✔ admin policy for allow-listed break-glass", rule: "EKS-008", target: resource(ASSOC, "a", { clusterName: "c", policyArn: ADMIN, principalArn: BREAK_GLASS, accessScope: { type: "cluster" } }), config: { clusterAdminPrincipals: [BREAK_GLASS] }, expect: null },
  { title: "EKS-008 ✘ admin policy for unlisted principal", rule: "EKS-008", target: resource(ASSOC, "a", { clusterName: "c", policyArn: ADMIN, principalArn: "arn:aws:iam::1:role/dev", accessScope: { type: "cluster" } }), expect: mandatory("principalArn") },
  {
    title: "EKS-008 ✘ AmazonEKSAdminPolicy cluster-scoped",
    rule: "EKS-008",
    target: resource(ASSOC, "a", { clusterName: "c", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy", principalArn: "arn:aws:iam::1:role/dev", accessScope: { type: "cluster" } }),
    expect: mandatory("accessScope.type"),
  },
  {
    title: "EKS-008 ✔ AmazonEKSAdminPolicy namespace-scoped",
    rule: "EKS-008",
    target: resource(ASSOC, "a", { clusterName: "c", policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy", principalArn: "arn:aws:iam::1:role/dev", accessScope: { type: "namespace", namespaces: ["team-a"] } }),
    expect: null,
  },
];

describe("EKS rules", () => {
  runCases(cases);
});
