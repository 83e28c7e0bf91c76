/**
 * Boundary and branch cases found by mutation testing (Stryker) for EKS-001..008 and EKS-004S: each test pins a
 * verdict or message users rely on (explicit values vs provider defaults, malformed CIDRs and versions, which
 * in-stack resources the Secrets key check follows, unknown key fields at preview, which access policies are
 * cluster-admin) that the catalog tables did not yet exercise.
 */
import type { PackConfig } from "../../../policy-pack/core/config";
import type { Violation } from "../../../policy-pack/core/evaluate";
import type { StackResource } from "../../../policy-pack/core/rule";
import { previewed, sdkProxy } from "../../support/unknowns";
import { resource, violationsOf } from "../../support/rules";

const CLUSTER = "aws:eks/cluster:Cluster";
const KEY = "aws:kms/key:Key";
const ASSOC = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";

const cluster = (props: Record<string, unknown>, extra: Partial<StackResource> = {}) =>
  resource(CLUSTER, "eks", { roleArn: "arn:aws:iam::111122223333:role/eks", ...props }, extra);
const vpc = (v: Record<string, unknown>) => cluster({ vpcConfig: { subnetIds: ["subnet-1"], ...v } });

/** The single mandatory finding of `rule` on `target`. */
function onlyMandatory(rule: string, target: StackResource | StackResource[], config?: Partial<PackConfig>): Violation {
  const vs = violationsOf(rule, target, config);
  expect(vs).toHaveLength(1);
  expect(vs[0]).toMatchObject({ rule, level: "mandatory" });
  return vs[0];
}

describe("EKS-001 / EKS-002 explicit values are named, not described as the provider default", () => {
  it("EKS-001 explicit endpointPrivateAccess false is reported as false", () => {
    const v = onlyMandatory("EKS-001", vpc({ endpointPrivateAccess: false }));
    expect(v.message).toContain("vpcConfig.endpointPrivateAccess is false");
    expect(v.message).not.toContain("absent");
  });
  it("EKS-001 absent endpointPrivateAccess names the provider default", () => {
    expect(onlyMandatory("EKS-001", vpc({})).message).toContain("absent (provider default false)");
  });
  it("EKS-002 explicit endpointPublicAccess true is reported as true", () => {
    const v = onlyMandatory("EKS-002", vpc({ endpointPublicAccess: true }));
    expect(v.message).toContain("vpcConfig.endpointPublicAccess is true");
    expect(v.message).not.toContain("absent");
  });
  it("EKS-002 absent endpointPublicAccess names the provider default", () => {
    expect(onlyMandatory("EKS-002", vpc({})).message).toContain("absent (provider default true)");
  });
});

describe("EKS-003 public access CIDRs: malformed entries, trusted list in the message, unknown entries", () => {
  const pub = (cidrs: unknown[]) => vpc({ endpointPublicAccess: true, publicAccessCidrs: cidrs });

  it("a malformed CIDR is reported as not a valid CIDR (quoted), not as outside trustedCidrs", () => {
    const v = onlyMandatory("EKS-003", pub(["203.0.113.0/33"]), { trustedCidrs: ["203.0.113.0/24"] });
    expect(v.message).toContain('vpcConfig.publicAccessCidrs[0] = "203.0.113.0/33" is not a valid CIDR');
    expect(v.message).not.toContain("trustedCidrs");
  });
  it("a non-CIDR word is reported as not a valid CIDR", () => {
    expect(onlyMandatory("EKS-003", pub(["office"])).message).toContain('"office" is not a valid CIDR');
  });
  it("an untrusted CIDR lists every configured trusted CIDR, comma separated", () => {
    const v = onlyMandatory("EKS-003", pub(["198.51.100.0/24"]), { trustedCidrs: ["203.0.113.0/24", "192.0.2.0/24"] });
    expect(v.message).toContain("is not inside config trustedCidrs (203.0.113.0/24, 192.0.2.0/24)");
  });
  it("with no trustedCidrs configured, the message says the list is empty", () => {
    expect(onlyMandatory("EKS-003", pub(["198.51.100.0/24"])).message).toContain("trustedCidrs (empty)");
  });
  it("each bad entry is reported by index; trusted entries are silent", () => {
    const vs = violationsOf("EKS-003", pub(["203.0.113.0/24", "0.0.0.0/0", "nope"]), { trustedCidrs: ["203.0.113.0/24"] });
    expect(vs.map((v) => v.level)).toEqual(["mandatory", "mandatory"]);
    expect(vs[0].message).toContain("publicAccessCidrs[1] = 0.0.0.0/0 opens the API to the internet");
    expect(vs[1].message).toContain('publicAccessCidrs[2] = "nope" is not a valid CIDR');
  });
  it("an unknown entry at preview is deferred (advisory naming the entry); known entries are still judged", () => {
    const vs = violationsOf("EKS-003", previewed(pub(["203.0.113.0/24", sdkProxy.unknownStringValue, "198.51.100.0/24"])), { trustedCidrs: ["203.0.113.0/24"] });
    expect(vs).toHaveLength(2);
    expect(vs[0]).toMatchObject({ level: "advisory" });
    expect(vs[0].message).toContain("cannot verify vpcConfig.publicAccessCidrs.1");
    expect(vs[1]).toMatchObject({ level: "mandatory" });
    expect(vs[1].message).toContain("publicAccessCidrs[2] = 198.51.100.0/24 is not inside config trustedCidrs");
  });
});

describe("EKS-004 AWS-managed key aliases", () => {
  const withKey = (keyArn: string) => cluster({ encryptionConfig: { provider: { keyArn }, resources: ["secrets"] } });
  it("a bare alias ID alias/aws/eks (not an ARN) is an AWS-managed key", () => {
    expect(onlyMandatory("EKS-004", withKey("alias/aws/eks")).message).toContain("alias/aws/eks is an AWS-managed key alias");
  });
  it("a customer alias whose name merely contains alias/aws/ is not AWS-managed", () => {
    expect(violationsOf("EKS-004", withKey("alias/team-alias/aws/eks"))).toEqual([]);
  });
  it("a customer alias ARN is accepted", () => {
    expect(violationsOf("EKS-004", withKey("arn:aws:kms:eu-west-1:111122223333:alias/eks-secrets"))).toEqual([]);
  });
});

describe("EKS-004S the in-stack Secrets key", () => {
  const key = (props: Record<string, unknown> = {}) => resource(KEY, "secrets-key", { enableKeyRotation: true, ...props });
  const keyArn = "arn:aws:kms:eu-west-1:111122223333:key/abc";
  const encryptedBy = (...deps: string[]) =>
    cluster({ encryptionConfig: { provider: { keyArn }, resources: ["secrets"] } }, { propertyDependencies: { encryptionConfig: deps } });
  const stackWith = (k: StackResource) => [k, encryptedBy(k.urn)];

  it.each([
    ["customerMasterKeySpec null", { customerMasterKeySpec: null }],
    ["customerMasterKeySpec SYMMETRIC_DEFAULT", { customerMasterKeySpec: "SYMMETRIC_DEFAULT" }],
    ["keySpec null", { keySpec: null }],
    ["keySpec SYMMETRIC_DEFAULT", { keySpec: "SYMMETRIC_DEFAULT" }],
    ["keyUsage null", { keyUsage: null }],
    ["keyUsage ENCRYPT_DECRYPT", { keyUsage: "ENCRYPT_DECRYPT" }],
    ["isEnabled true", { isEnabled: true }],
  ])("✔ a rotated key with %s passes", (_t, props) => {
    expect(violationsOf("EKS-004S", stackWith(key(props)))).toEqual([]);
  });

  it("✘ an asymmetric keySpec (the non-deprecated spelling) cannot encrypt Secrets", () => {
    const k = key({ keySpec: "RSA_2048" });
    const v = onlyMandatory("EKS-004S", stackWith(k));
    expect(v.urn).toBe(encryptedBy(k.urn).urn);
    expect(v.message).toContain('encryptionConfig.provider.keyArn → key secrets-key: keySpec = "RSA_2048" cannot encrypt Kubernetes Secrets');
    expect(v.remediation).toBe('Set keySpec: "SYMMETRIC_DEFAULT" (or omit it) on key secrets-key.');
  });
  it("✘ an HMAC customerMasterKeySpec is reported on the cluster, naming the key", () => {
    const v = violationsOf("EKS-004S", stackWith(key({ customerMasterKeySpec: "HMAC_256" })));
    expect(v.filter((x) => x.level === "mandatory").map((x) => x.message)).toContainEqual(expect.stringContaining('key secrets-key: customerMasterKeySpec = "HMAC_256"'));
  });

  it("ignores resources that are not clusters, even with an encryptionConfig dependency on a weak key", () => {
    const weak = key({ keySpec: "RSA_2048", enableKeyRotation: false });
    const other = resource("aws:eks/addon:Addon", "other", { encryptionConfig: [{ provider: { keyArn }, resources: ["secrets"] }] }, { propertyDependencies: { encryptionConfig: [weak.urn] } });
    expect(violationsOf("EKS-004S", [weak, other])).toEqual([]);
  });
  it("judges the aws-native:eks:Cluster equivalent through its encryptionConfig dependency (issue 16.5)", () => {
    const weak = key({ keySpec: "RSA_2048", enableKeyRotation: false });
    const native = resource("aws-native:eks:Cluster", "native", { encryptionConfig: [{ provider: { keyArn }, resources: ["secrets"] }] }, { propertyDependencies: { encryptionConfig: [weak.urn] } });
    const vs = violationsOf("EKS-004S", [weak, native]);
    expect(vs.map((v) => v.message)).toContainEqual(expect.stringContaining("encryptionConfig[0].provider.keyArn → key secrets-key"));
    expect(vs.every((v) => v.urn === native.urn)).toBe(true);
  });
  it("follows only dependencies that are KMS keys: an alias in between is not judged as a key", () => {
    const alias = resource("aws:kms/alias:Alias", "secrets-alias", { name: "alias/eks-secrets", targetKeyId: "abc" });
    expect(violationsOf("EKS-004S", [alias, encryptedBy(alias.urn)])).toEqual([]);
  });
  it("skips a dependency URN that is not among the stack's resources", () => {
    expect(violationsOf("EKS-004S", [encryptedBy("urn:pulumi:other::proj::aws:kms/key:Key::elsewhere")])).toEqual([]);
  });
  it("judges every key dependency: a weak key after an alias is still reported", () => {
    const alias = resource("aws:kms/alias:Alias", "secrets-alias", { name: "alias/eks-secrets", targetKeyId: "abc" });
    const weak = key({ isEnabled: false });
    const v = onlyMandatory("EKS-004S", [alias, weak, encryptedBy(alias.urn, weak.urn)]);
    expect(v.message).toContain("key secrets-key: isEnabled = false");
  });

  it.each([
    ["customerMasterKeySpec", sdkProxy.unknownStringValue],
    ["keySpec", sdkProxy.unknownStringValue],
    ["keyUsage", sdkProxy.unknownStringValue],
    ["isEnabled", sdkProxy.unknownBooleanValue],
  ])("an unknown %s at preview is deferred: advisory naming the key and field, never mandatory", (field, sentinel) => {
    const k = previewed(key({ [field]: sentinel }));
    const c = encryptedBy(k.urn);
    const vs = violationsOf("EKS-004S", [k, c]);
    expect(vs.length).toBeGreaterThan(0);
    expect(vs.every((v) => v.level === "advisory" && v.urn === c.urn)).toBe(true);
    expect(vs.map((v) => v.message)).toContainEqual(expect.stringContaining(`cannot verify key secrets-key ${field} at preview`));
  });
});

describe("EKS-005 non-list log types", () => {
  it("an explicit null is treated as no log types: all five missing", () => {
    const v = onlyMandatory("EKS-005", cluster({ enabledClusterLogTypes: null }));
    expect(v.message).toBe("EKS-005: enabledClusterLogTypes = []; missing api, audit, authenticator, controllerManager, scheduler");
  });
  it("wrong spelling counts as missing", () => {
    const v = onlyMandatory("EKS-005", cluster({ enabledClusterLogTypes: ["api", "audit", "authenticator", "controllermanager", "scheduler"] }));
    expect(v.message).toContain("missing controllerManager");
  });
});

describe("EKS-007 version parsing and comparison (default minKubernetesVersion 1.33)", () => {
  it.each(["v1.34", "latest", "1", "x1.34"])("version %j is not a major.minor version", (version) => {
    const v = onlyMandatory("EKS-007", cluster({ version }));
    expect(v.message).toContain(`version = ${JSON.stringify(version)} is not a major.minor version`);
    expect(v.remediation).toBe('Set version: "1.33" or newer.');
  });
  it("a malformed version on EXTENDED support mentions that extended support does not help", () => {
    const v = onlyMandatory("EKS-007", cluster({ version: "v1.30", upgradePolicy: { supportType: "EXTENDED" } }));
    expect(v.message).toContain("is not a major.minor version (upgradePolicy.supportType EXTENDED");
  });
  it("an empty version string is treated as absent", () => {
    expect(onlyMandatory("EKS-007", cluster({ version: "" })).message).toContain("version is absent");
  });
  it("a patch-level version 1.34.2 is judged by its major.minor", () => {
    expect(violationsOf("EKS-007", cluster({ version: "1.34.2" }))).toEqual([]);
  });
  it("minors compare as numbers: 1.100 is newer than 1.34", () => {
    expect(violationsOf("EKS-007", cluster({ version: "1.100" }), { minKubernetesVersion: "1.34" })).toEqual([]);
  });
  it("exactly the configured minimum passes; one minor below fails", () => {
    expect(violationsOf("EKS-007", cluster({ version: "1.33" }))).toEqual([]);
    expect(onlyMandatory("EKS-007", cluster({ version: "1.32" })).message).toContain('version = "1.32" is older than config minKubernetesVersion "1.33"');
  });
  it.each(["2.0", "11.2"])("a newer major %s passes whatever its minor", (version) => {
    expect(violationsOf("EKS-007", cluster({ version }))).toEqual([]);
  });
  it("an older major 0.99 fails even with a higher minor", () => {
    expect(onlyMandatory("EKS-007", cluster({ version: "0.99" })).message).toContain("is older than config minKubernetesVersion");
  });
});

describe("EKS-008 cluster-admin grants", () => {
  const DEV = "arn:aws:iam::111122223333:role/dev";
  const policy = (name: string) => `arn:aws:eks::aws:cluster-access-policy/${name}`;
  const assoc = (props: Record<string, unknown>) => resource(ASSOC, "a", { clusterName: "c", ...props });

  it("explicit bootstrapClusterCreatorAdminPermissions true is reported as true", () => {
    const v = onlyMandatory("EKS-008", cluster({ accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true } }));
    expect(v.message).toContain("bootstrapClusterCreatorAdminPermissions is true");
    expect(v.message).not.toContain("absent");
  });
  it("AmazonEKSClusterAdminPolicy is cluster-admin even when the association is namespace-scoped", () => {
    const v = onlyMandatory("EKS-008", assoc({ policyArn: policy("AmazonEKSClusterAdminPolicy"), principalArn: DEV, accessScope: { type: "namespace", namespaces: ["team-a"] } }));
    expect(v.message).toContain(`policyArn AmazonEKSClusterAdminPolicy grants cluster-admin to principalArn ${DEV}`);
    expect(v.message).not.toContain("with accessScope.type cluster");
  });
  it("AmazonEKSClusterAdminPolicy with an unknown scope at preview is still a definite violation", () => {
    const vs = violationsOf("EKS-008", previewed(assoc({ policyArn: policy("AmazonEKSClusterAdminPolicy"), principalArn: DEV, accessScope: { type: sdkProxy.unknownStringValue } })));
    expect(vs.map((v) => v.level)).toEqual(["mandatory"]);
  });
  it("AmazonEKSAdminPolicy cluster-scoped names the scope and the short policy name", () => {
    const v = onlyMandatory("EKS-008", assoc({ policyArn: policy("AmazonEKSAdminPolicy"), principalArn: DEV, accessScope: { type: "cluster" } }));
    expect(v.message).toContain(`policyArn AmazonEKSAdminPolicy with accessScope.type cluster grants cluster-admin to principalArn ${DEV}`);
  });
  it("AmazonEKSAdminPolicy namespace-scoped is not cluster-admin", () => {
    expect(violationsOf("EKS-008", assoc({ policyArn: policy("AmazonEKSAdminPolicy"), principalArn: DEV, accessScope: { type: "namespace", namespaces: ["team-a"] } }))).toEqual([]);
  });
  it.each(["AmazonEKSViewPolicy", "AmazonEKSEditPolicy", "AmazonEKSAdminViewPolicy"])("%s cluster-scoped is not cluster-admin", (name) => {
    expect(violationsOf("EKS-008", assoc({ policyArn: policy(name), principalArn: DEV, accessScope: { type: "cluster" } }))).toEqual([]);
  });
  it("AmazonEKSAdminPolicy with an unknown scope at preview is deferred (advisory), not judged", () => {
    const vs = violationsOf("EKS-008", previewed(assoc({ policyArn: policy("AmazonEKSAdminPolicy"), principalArn: DEV, accessScope: { type: sdkProxy.unknownStringValue } })));
    expect(vs).toHaveLength(1);
    expect(vs[0].level).toBe("advisory");
    expect(vs[0].message).toContain("cannot verify accessScope.type");
  });
  it("an admin association without principalArn says the principal is absent", () => {
    const v = onlyMandatory("EKS-008", assoc({ policyArn: policy("AmazonEKSClusterAdminPolicy"), accessScope: { type: "cluster" } }));
    expect(v.message).toContain("grants cluster-admin to principalArn <absent>, which is not in config clusterAdminPrincipals");
  });
  it("the allow-list matches the exact principal ARN only", () => {
    const v = onlyMandatory("EKS-008", assoc({ policyArn: policy("AmazonEKSClusterAdminPolicy"), principalArn: `${DEV}-2`, accessScope: { type: "cluster" } }), { clusterAdminPrincipals: [DEV] });
    expect(v.message).toContain(`principalArn ${DEV}-2`);
  });
});
