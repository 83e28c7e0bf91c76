/**
 * Compliant node pools — a hardened `ec2.LaunchTemplate` and an `eks.NodeGroup` that attaches it through
 * `propertyDependencies.launchTemplate` — and single weakenings of the template or the group.
 */
import * as fc from "fast-check";
import { SENSITIVE_POOL } from "../../../policy-pack/baseline/labels";
import { DEFAULT_PACK_CONFIG } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { NODE_TYPES } from "../../../policy-pack/rules/node/types";
import { resource } from "../../support/rules";
import { pick, weakening, type Weakening } from "../support/pack";
import { accountId, dnsLabel, hexId, kmsKeyArn } from "./common";

const POOL_KEY = DEFAULT_PACK_CONFIG.poolLabelKey;

/** A launch template that passes NODE-001, NODE-002, NODE-004 and NODE-007. */
export const compliantLaunchTemplate: fc.Arbitrary<StackResource> = fc
  .record({
    name: dnsLabel,
    keyArn: kmsKeyArn,
    rootSize: fc.integer({ min: 20, max: 500 }),
    volumeType: fc.constantFrom("gp3", "gp2", "io2"),
    dataVolumes: fc.array(fc.tuple(fc.constantFrom("/dev/xvdb", "/dev/xvdc", "/dev/xvdd"), kmsKeyArn), { maxLength: 2 }),
    metadataTags: fc.constantFrom("enabled", "disabled", undefined),
    userData: fc.option(fc.base64String({ minLength: 4, maxLength: 40 }), { nil: undefined }),
  })
  .map((o) =>
    resource(NODE_TYPES.launchTemplate, o.name, {
      name: o.name,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: 1,
        ...(o.metadataTags ? { instanceMetadataTags: o.metadataTags } : {}),
      },
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: o.keyArn, volumeSize: o.rootSize, volumeType: o.volumeType, deleteOnTermination: "true" } },
        ...o.dataVolumes.map(([deviceName, kmsKeyId]) => ({ deviceName, ebs: { encrypted: "true", kmsKeyId, volumeSize: 50, volumeType: "gp3" } })),
      ],
      ...(o.userData ? { userData: o.userData } : {}),
    }),
  );

/** A node group plus the launch template it attaches (the group first). */
export interface NodePool {
  readonly group: StackResource;
  readonly template: StackResource;
}

/** A compliant pool; `sensitive` pools carry the matching label and NO_SCHEDULE/NO_EXECUTE taint. */
export const compliantNodePool = (sensitive?: boolean): fc.Arbitrary<NodePool> =>
  fc
    .record({
      template: compliantLaunchTemplate,
      name: dnsLabel,
      sensitive: sensitive === undefined ? fc.boolean() : fc.constant(sensitive),
      ltId: hexId,
      account: accountId,
      amiType: fc.constantFrom("AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "AL2023_x86_64_NVIDIA", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"),
      effect: fc.constantFrom("NO_SCHEDULE", "NO_EXECUTE"),
      poolName: dnsLabel.filter((n) => n !== SENSITIVE_POOL),
      size: fc.integer({ min: 1, max: 10 }),
      otherTaint: fc.boolean(),
    })
    .map((o) => {
      const labels: Record<string, string> = { [POOL_KEY]: o.sensitive ? SENSITIVE_POOL : o.poolName, team: "platform" };
      const taints: Record<string, string>[] = [];
      if (o.sensitive) taints.push({ key: POOL_KEY, value: SENSITIVE_POOL, effect: o.effect });
      if (o.otherTaint) taints.push({ key: "dedicated", value: "gpu", effect: "PREFER_NO_SCHEDULE" });
      const group = resource(
        NODE_TYPES.nodeGroup,
        o.name,
        {
          clusterName: "hardened",
          nodeGroupName: o.name,
          nodeRoleArn: `arn:aws:iam::${o.account}:role/${o.name}-node`,
          subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
          scalingConfig: { minSize: 1, desiredSize: o.size, maxSize: o.size + 2 },
          amiType: o.amiType,
          launchTemplate: { id: `lt-${o.ltId}`, version: "1" },
          labels,
          ...(taints.length > 0 ? { taints } : {}),
        },
        { propertyDependencies: { launchTemplate: [o.template.urn] }, dependencies: [o.template.urn] },
      );
      return { group, template: o.template };
    });

/** Weakenings of a launch template. */
export const launchTemplateWeakening: fc.Arbitrary<Weakening<StackResource>> = fc.oneof(
  fc.integer({ min: 2, max: 64 }).map((hops) =>
    weakening<StackResource>(`httpPutResponseHopLimit ${hops}`, ["NODE-001"], (lt) => (lt.props.metadataOptions.httpPutResponseHopLimit = hops)),
  ),
  fc.constantFrom("optional", undefined).map((tokens) =>
    weakening<StackResource>(`httpTokens ${tokens ?? "absent"}`, ["NODE-001"], (lt) => {
      if (tokens === undefined) delete lt.props.metadataOptions.httpTokens;
      else lt.props.metadataOptions.httpTokens = tokens;
    }),
  ),
  fc.tuple(fc.nat(), fc.constantFrom<unknown>("false", false, undefined)).map(([i, value]) =>
    weakening<StackResource>(`encrypted ${JSON.stringify(value) ?? "absent"} on mapping #${i}`, ["NODE-002"], (lt) => {
      const ebs = pick(lt.props.blockDeviceMappings as Record<string, any>[], i).ebs;
      if (value === undefined) delete ebs.encrypted;
      else ebs.encrypted = value;
    }),
  ),
  dnsLabel.map((key) => weakening<StackResource>(`keyName ${key}`, ["NODE-004"], (lt) => (lt.props.keyName = key))),
);

/** Weakenings of a node group (`sensitiveOnly` ones apply only to a sensitive pool). */
export const nodeGroupWeakening: fc.Arbitrary<Weakening<NodePool> & { readonly sensitiveOnly: boolean }> = fc.oneof(
  fc.constantFrom("delete taints", "drop the pool taint", "taint PREFER_NO_SCHEDULE", "taint another value").map((how) => ({
    ...weakening<NodePool>(`${how} of the sensitive pool`, ["NODE-005"], ({ group }) => {
      const taints = (group.props.taints ?? []) as Record<string, any>[];
      const own = taints.findIndex((t) => t.key === POOL_KEY);
      if (how === "delete taints") delete group.props.taints;
      else if (how === "drop the pool taint") taints.splice(own, 1);
      else if (how === "taint PREFER_NO_SCHEDULE") taints[own].effect = "PREFER_NO_SCHEDULE";
      else taints[own].value = "general";
    }),
    sensitiveOnly: true,
  })),
  fc.tuple(dnsLabel, fc.boolean()).map(([key, scoped]) => ({
    ...weakening<NodePool>(`remoteAccess ${key}${scoped ? " (scoped)" : ""}`, ["NODE-004"], ({ group }) => {
      group.props.remoteAccess = { ec2SshKey: key, ...(scoped ? { sourceSecurityGroupIds: ["sg-0123456789abcdef0"] } : {}) };
    }),
    sensitiveOnly: false,
  })),
);
