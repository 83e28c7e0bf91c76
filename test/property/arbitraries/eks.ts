/**
 * Compliant EKS control planes — the cluster with its secrets KMS key and its pre-declared control-plane log
 * group, as the Cluster component emits them — and single weakenings of the cluster.
 */
import * as fc from "fast-check";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { eksLogGroupName } from "../../../policy-pack/rules/logs/types";
import { resource } from "../../support/rules";
import { pick, weakening, type Weakening } from "../support/pack";
import { accountId, awsRegion, dnsLabel } from "./common";

/** Type tokens of the bundle. */
export const EKS_BUNDLE_TYPES = {
  cluster: "aws:eks/cluster:Cluster",
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
} as const;

/** A control plane and the pack config it is judged with (a public endpoint only where config allows it). */
export interface ControlPlane {
  readonly cluster: StackResource;
  readonly key: StackResource;
  readonly logGroup: StackResource;
  readonly config: Partial<PackConfig>;
}

const TRUSTED = ["203.0.113.0/24", "198.51.100.0/24"];

/** The five control-plane log types (catalog EKS-005, exact spelling; written here, not imported from the rule). */
const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

/** A trusted public-access CIDR (inside TRUSTED). */
const trustedCidr = fc
  .tuple(fc.constantFrom("203.0.113", "198.51.100"), fc.integer({ min: 24, max: 32 }), fc.nat(255))
  .map(([net, prefix, host]) => `${net}.${Math.floor(host / 2 ** (32 - prefix)) * 2 ** (32 - prefix)}/${prefix}`);

/** A compliant control plane: private endpoint (or public to trusted CIDRs when config allows), CMK, all logs, API auth. */
export const compliantControlPlane: fc.Arbitrary<ControlPlane> = fc
  .record({
    name: dnsLabel,
    region: awsRegion,
    account: accountId,
    keyId: fc.uuid(),
    version: fc.constantFrom("1.33", "1.34", "1.35"),
    logTypes: fc.shuffledSubarray(EKS_LOG_TYPES, { minLength: EKS_LOG_TYPES.length }),
    retention: fc.constantFrom(365, 400, 545, 731, 1096, 1827, 3653),
    rotationDays: fc.option(fc.integer({ min: 90, max: 365 }), { nil: undefined }),
    deletionWindow: fc.option(fc.integer({ min: 30, max: 30 }), { nil: undefined }),
    publicCidrs: fc.option(fc.uniqueArray(trustedCidr, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map((o) => {
    const keyArn = `arn:aws:kms:${o.region}:${o.account}:key/${o.keyId}`;
    const key = resource(EKS_BUNDLE_TYPES.key, `${o.name}-secrets`, {
      description: `${o.name} secrets`,
      enableKeyRotation: true,
      ...(o.rotationDays !== undefined ? { rotationPeriodInDays: o.rotationDays } : {}),
      ...(o.deletionWindow !== undefined ? { deletionWindowInDays: o.deletionWindow } : {}),
    });
    const logGroup = resource(EKS_BUNDLE_TYPES.logGroup, `${o.name}-cluster-logs`, {
      name: eksLogGroupName(o.name),
      kmsKeyId: keyArn,
      retentionInDays: o.retention,
    });
    const pub = o.publicCidrs !== undefined;
    const cluster = resource(
      EKS_BUNDLE_TYPES.cluster,
      o.name,
      {
        name: o.name,
        version: o.version,
        roleArn: `arn:aws:iam::${o.account}:role/${o.name}-cluster`,
        vpcConfig: {
          subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
          endpointPrivateAccess: true,
          endpointPublicAccess: pub,
          ...(pub ? { publicAccessCidrs: o.publicCidrs } : {}),
        },
        encryptionConfig: { provider: { keyArn }, resources: ["secrets"] },
        enabledClusterLogTypes: o.logTypes,
        accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      },
      { dependencies: [key.urn, logGroup.urn], propertyDependencies: { encryptionConfig: [key.urn] } },
    );
    const config: Partial<PackConfig> = pub ? { allowPublicEndpoint: true, trustedCidrs: TRUSTED } : { trustedCidrs: TRUSTED };
    return { cluster, key, logGroup, config };
  });

/** The resources of a control plane, cluster first. */
export function controlPlaneResources(cp: ControlPlane): StackResource[] {
  return [cp.cluster, cp.key, cp.logGroup];
}

/**
 * Weakenings of the cluster. `expectedFor` adds EKS-002 to a public endpoint without CIDRs unless the
 * config allows public endpoints at all.
 */
export interface ClusterWeakening extends Weakening<ControlPlane> {
  expectedFor(config: Partial<PackConfig>): readonly string[];
}

function clusterWeakening(label: string, expected: readonly string[], apply: (cp: ControlPlane) => void, extra?: (c: Partial<PackConfig>) => string[]): ClusterWeakening {
  const w = weakening<ControlPlane>(label, expected, apply);
  return Object.assign(w, { expectedFor: (config: Partial<PackConfig>) => [...expected, ...(extra ? extra(config) : [])] });
}

/** Every single weakening of a cluster. */
export const clusterWeakeningArb: fc.Arbitrary<ClusterWeakening> = fc.oneof(
  fc.constantFrom("absent", "empty").map((how) =>
    clusterWeakening(
      `endpointPublicAccess true with publicAccessCidrs ${how}`,
      ["EKS-003"],
      ({ cluster }) => {
        cluster.props.vpcConfig.endpointPublicAccess = true;
        if (how === "absent") delete cluster.props.vpcConfig.publicAccessCidrs;
        else cluster.props.vpcConfig.publicAccessCidrs = [];
      },
      (config) => (config.allowPublicEndpoint ? [] : ["EKS-002"]),
    ),
  ),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, misspell]) =>
    clusterWeakening(`${misspell ? "lower-case" : "drop"} log type #${i}`, ["EKS-005"], ({ cluster }) => {
      const types = cluster.props.enabledClusterLogTypes as string[];
      const at = types.indexOf(pick(types, i));
      // EKS-005 wants the exact spelling; "controllermanager" is not "controllerManager".
      if (misspell) types[at] = types[at] === "controllerManager" ? "controllermanager" : types[at].toUpperCase();
      else types.splice(at, 1);
    }),
  ),
  fc.constantFrom("0.0.0.0/0", "::/0", "192.0.2.0/24").map((cidr) =>
    clusterWeakening(
      `endpointPublicAccess true with ${cidr} among publicAccessCidrs`,
      ["EKS-003"],
      ({ cluster }) => {
        cluster.props.vpcConfig.endpointPublicAccess = true;
        cluster.props.vpcConfig.publicAccessCidrs = [...(cluster.props.vpcConfig.publicAccessCidrs ?? []), cidr];
      },
      (config) => (config.allowPublicEndpoint ? [] : ["EKS-002"]),
    ),
  ),
  fc.constant(
    clusterWeakening("remove encryptionConfig", ["EKS-004"], ({ cluster }) => {
      delete cluster.props.encryptionConfig;
      delete (cluster.propertyDependencies as Record<string, string[]>).encryptionConfig;
    }),
  ),
  fc.constantFrom("CONFIG_MAP", "API_AND_CONFIG_MAP", undefined).map((mode) =>
    clusterWeakening(`authenticationMode ${mode ?? "absent"}`, ["EKS-006"], ({ cluster }) => {
      if (mode === undefined) delete cluster.props.accessConfig.authenticationMode;
      else cluster.props.accessConfig.authenticationMode = mode;
    }),
  ),
);
