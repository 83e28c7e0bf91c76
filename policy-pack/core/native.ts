/**
 * `@pulumi/aws-native` equivalents of the AWS types the pack judges, mapped onto the shape of the `@pulumi/aws`
 * resource each rule already reads, so a rule keeps one check for both providers.
 *
 * Type tokens and property names are those of pulumi/pulumi-aws-native (`sdk/nodejs/<module>/<resource>.ts`
 * `__pulumiType`, and the CloudFormation registry schemas in `aws-cloudformation-schema/aws-<service>-<resource>.json`
 * it is generated from; native inputs are the camelCase of the CloudFormation properties):
 * - `aws-native:eks:Cluster`: resourcesVpcConfig.{endpointPrivateAccess,endpointPublicAccess,publicAccessCidrs},
 *   encryptionConfig[].{provider.keyArn,resources}, logging.clusterLogging.enabledTypes[].type,
 *   accessConfig.{authenticationMode,bootstrapClusterCreatorAdminPermissions}, version, upgradePolicy.supportType, name
 * - `aws-native:eks:Nodegroup`: amiType, labels, taints[].{key,value,effect}, launchTemplate.{id,name,version},
 *   remoteAccess.{ec2SshKey,sourceSecurityGroups}, subnets, nodeRole, clusterName
 * - `aws-native:ec2:LaunchTemplate`: launchTemplateData.{metadataOptions.{httpEndpoint,httpTokens,httpPutResponseHopLimit},
 *   blockDeviceMappings[].{deviceName,ebs.{encrypted (boolean),kmsKeyId}}, keyName, imageId,
 *   networkInterfaces[].associatePublicIpAddress (boolean)}
 * - `aws-native:ec2:SecurityGroup`: securityGroupIngress[] / securityGroupEgress[] .{ipProtocol,fromPort,toPort,cidrIp,
 *   cidrIpv6,sourceSecurityGroupId|destinationSecurityGroupId,sourcePrefixListId|destinationPrefixListId}, tags[] {key,value}
 * - `aws-native:ec2:SecurityGroupIngress` / `aws-native:ec2:SecurityGroupEgress`: groupId, ipProtocol, fromPort, toPort,
 *   cidrIp, cidrIpv6, sourceSecurityGroupId / destinationSecurityGroupId, sourcePrefixListId / destinationPrefixListId (no tags)
 * - `aws-native:kms:Key`: enableKeyRotation, rotationPeriodInDays, pendingWindowInDays, keySpec, keyUsage, enabled,
 *   bypassPolicyLockoutSafetyCheck
 * - `aws-native:ecr:Repository`: imageScanningConfiguration.scanOnPush, imageTagMutability,
 *   encryptionConfiguration.{encryptionType,kmsKey}, repositoryName, lifecyclePolicy
 * - `aws-native:logs:LogGroup`: kmsKeyId, retentionInDays, logGroupName
 * - `aws-native:ec2:Subnet`: mapPublicIpOnLaunch, vpcId, cidrBlock
 */
import { resourceRule, stackRule, type Finding, type Report, type ResourceRule, type ResourceUnderTest, type StackResource, type StackRule } from "./rule";
import { one, same, tagMap, view, type ViewSpec } from "./native-view";

/** The `@pulumi/aws` type tokens that have a native equivalent. */
export const AWS = {
  cluster: "aws:eks/cluster:Cluster",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  kmsKey: "aws:kms/key:Key",
  repository: "aws:ecr/repository:Repository",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  subnet: "aws:ec2/subnet:Subnet",
} as const;

/** The native type tokens the pack judges. */
export const NATIVE = {
  cluster: "aws-native:eks:Cluster",
  nodeGroup: "aws-native:eks:Nodegroup",
  launchTemplate: "aws-native:ec2:LaunchTemplate",
  securityGroup: "aws-native:ec2:SecurityGroup",
  securityGroupIngress: "aws-native:ec2:SecurityGroupIngress",
  securityGroupEgress: "aws-native:ec2:SecurityGroupEgress",
  kmsKey: "aws-native:kms:Key",
  repository: "aws-native:ecr:Repository",
  logGroup: "aws-native:logs:LogGroup",
  subnet: "aws-native:ec2:Subnet",
} as const;

/** How a native type is read as an AWS type. */
interface NativeMapping {
  readonly aws: string;
  readonly spec: ViewSpec;
  /** AWS field paths as the rules name them → the native paths, for messages and fixes. */
  readonly fields: readonly (readonly [string, string])[];
  /** `propertyDependencies` keys: AWS name → native name (stack rules join through them). */
  readonly dependencies?: Readonly<Record<string, string>>;
}

const bool = (v: unknown) => (typeof v === "boolean" ? String(v) : v);

/** Protocol, ports and CIDRs: the same in inline entries and standalone rules. */
const trafficFields: ViewSpec = {
  protocol: same("ipProtocol"),
  fromPort: same("fromPort"),
  toPort: same("toPort"),
  cidrBlocks: { from: "cidrIp", map: one },
  ipv6CidrBlocks: { from: "cidrIpv6", map: one },
};
/** An inline `securityGroupIngress[]` entry as an `ingress[]` entry of `aws.ec2.SecurityGroup`. */
const ingressEntry: ViewSpec = { ...trafficFields, securityGroups: { from: "sourceSecurityGroupId", map: one }, prefixListIds: { from: "sourcePrefixListId", map: one } };
/** An inline `securityGroupEgress[]` entry as an `egress[]` entry of `aws.ec2.SecurityGroup`. */
const egressEntry: ViewSpec = { ...trafficFields, securityGroups: { from: "destinationSecurityGroupId", map: one }, prefixListIds: { from: "destinationPrefixListId", map: one } };
const ruleFields: (readonly [string, string])[] = [
  ["protocol", "ipProtocol"],
  ["cidrBlocks[0]", "cidrIp"],
  ["ipv6CidrBlocks[0]", "cidrIpv6"],
  ["cidrBlocks", "cidrIp"],
  ["ipv6CidrBlocks", "cidrIpv6"],
  ["prefixListIds[0]", "sourcePrefixListId"],
  ["securityGroupId", "groupId"],
];

const MAPPINGS: Readonly<Record<string, NativeMapping>> = {
  [NATIVE.cluster]: {
    aws: AWS.cluster,
    spec: {
      vpcConfig: same("resourcesVpcConfig"),
      encryptionConfig: { from: "encryptionConfig", map: (v) => (Array.isArray(v) ? (v.length > 0 ? v[0] : undefined) : v) },
      enabledClusterLogTypes: {
        from: "logging",
        map: (logging) => {
          const types = (logging as { clusterLogging?: { enabledTypes?: unknown } } | undefined)?.clusterLogging?.enabledTypes;
          if (!Array.isArray(types)) return types;
          const out: unknown[] = [];
          for (let i = 0; i < types.length; i++) out.push((types[i] as { type?: unknown } | undefined)?.type);
          return out;
        },
      },
      accessConfig: same("accessConfig"),
      version: same("version"),
      upgradePolicy: same("upgradePolicy"),
      name: same("name"),
      tags: { from: "tags", map: tagMap },
    },
    fields: [
      ["vpcConfig", "resourcesVpcConfig"],
      ["encryptionConfig", "encryptionConfig[0]"],
      ["enabledClusterLogTypes", "logging.clusterLogging.enabledTypes"],
    ],
    dependencies: { encryptionConfig: "encryptionConfig" },
  },
  [NATIVE.nodeGroup]: {
    aws: AWS.nodeGroup,
    spec: {
      amiType: same("amiType"),
      labels: same("labels"),
      taints: same("taints"),
      launchTemplate: same("launchTemplate"),
      remoteAccess: { from: "remoteAccess", object: { ec2SshKey: same("ec2SshKey"), sourceSecurityGroupIds: same("sourceSecurityGroups") } },
      subnetIds: same("subnets"),
      nodeRoleArn: same("nodeRole"),
      clusterName: same("clusterName"),
      tags: same("tags"),
    },
    fields: [
      ["remoteAccess.sourceSecurityGroupIds", "remoteAccess.sourceSecurityGroups"],
      ["subnetIds", "subnets"],
    ],
    dependencies: { launchTemplate: "launchTemplate", subnetIds: "subnets" },
  },
  [NATIVE.launchTemplate]: {
    aws: AWS.launchTemplate,
    spec: {
      metadataOptions: { from: "launchTemplateData", map: (d) => (d as { metadataOptions?: unknown } | undefined)?.metadataOptions },
      blockDeviceMappings: {
        from: "launchTemplateData",
        map: (d) => {
          const list = (d as { blockDeviceMappings?: unknown } | undefined)?.blockDeviceMappings;
          if (!Array.isArray(list)) return list;
          // ebs.encrypted is a boolean in CloudFormation and a string in @pulumi/aws.
          return list.map((m) => view(m, { deviceName: same("deviceName"), ebs: { from: "ebs", object: { encrypted: { from: "encrypted", map: bool }, kmsKeyId: same("kmsKeyId") } } }));
        },
      },
      keyName: { from: "launchTemplateData", map: (d) => (d as { keyName?: unknown } | undefined)?.keyName },
      imageId: { from: "launchTemplateData", map: (d) => (d as { imageId?: unknown } | undefined)?.imageId },
      networkInterfaces: {
        from: "launchTemplateData",
        map: (d) => {
          const list = (d as { networkInterfaces?: unknown } | undefined)?.networkInterfaces;
          return Array.isArray(list) ? list.map((n) => view(n, { associatePublicIpAddress: { from: "associatePublicIpAddress", map: bool } })) : list;
        },
      },
      tags: { from: "tagSpecifications", map: () => undefined },
    },
    fields: [
      ["metadataOptions", "launchTemplateData.metadataOptions"],
      ["blockDeviceMappings", "launchTemplateData.blockDeviceMappings"],
      ["keyName", "launchTemplateData.keyName"],
      ["imageId", "launchTemplateData.imageId"],
      ["networkInterfaces", "launchTemplateData.networkInterfaces"],
    ],
  },
  [NATIVE.securityGroup]: {
    aws: AWS.securityGroup,
    spec: {
      ingress: { from: "securityGroupIngress", each: ingressEntry },
      egress: { from: "securityGroupEgress", each: egressEntry },
      tags: { from: "tags", map: tagMap },
      vpcId: same("vpcId"),
    },
    fields: [
      ["ingress[", "securityGroupIngress["],
      ["egress[", "securityGroupEgress["],
      [".protocol", ".ipProtocol"],
      ["cidrBlocks[0]", "cidrIp"],
      ["ipv6CidrBlocks[0]", "cidrIpv6"],
      ["securityGroups[0]", "sourceSecurityGroupId"],
    ],
  },
  [NATIVE.securityGroupIngress]: {
    aws: AWS.securityGroupRule,
    spec: {
      type: { from: "ipProtocol", map: () => "ingress" },
      ...trafficFields,
      prefixListIds: { from: "sourcePrefixListId", map: one },
      sourceSecurityGroupId: same("sourceSecurityGroupId"),
      securityGroupId: same("groupId"),
    },
    fields: ruleFields,
    dependencies: { securityGroupId: "groupId", sourceSecurityGroupId: "sourceSecurityGroupId" },
  },
  [NATIVE.securityGroupEgress]: {
    aws: AWS.securityGroupRule,
    spec: {
      type: { from: "ipProtocol", map: () => "egress" },
      ...trafficFields,
      prefixListIds: { from: "destinationPrefixListId", map: one },
      sourceSecurityGroupId: same("destinationSecurityGroupId"),
      securityGroupId: same("groupId"),
    },
    fields: [...ruleFields, ["sourceSecurityGroupId", "destinationSecurityGroupId"], ["prefixListIds[0]", "destinationPrefixListId"]],
    dependencies: { securityGroupId: "groupId", sourceSecurityGroupId: "destinationSecurityGroupId" },
  },
  [NATIVE.kmsKey]: {
    aws: AWS.kmsKey,
    spec: {
      enableKeyRotation: same("enableKeyRotation"),
      rotationPeriodInDays: same("rotationPeriodInDays"),
      deletionWindowInDays: same("pendingWindowInDays"),
      customerMasterKeySpec: same("keySpec"),
      keyUsage: same("keyUsage"),
      isEnabled: same("enabled"),
      bypassPolicyLockoutSafetyCheck: same("bypassPolicyLockoutSafetyCheck"),
    },
    fields: [
      ["deletionWindowInDays", "pendingWindowInDays"],
      ["customerMasterKeySpec", "keySpec"],
      ["isEnabled", "enabled"],
    ],
  },
  [NATIVE.repository]: {
    aws: AWS.repository,
    spec: {
      imageScanningConfiguration: same("imageScanningConfiguration"),
      imageTagMutability: same("imageTagMutability"),
      encryptionConfigurations: { from: "encryptionConfiguration", map: one },
      name: same("repositoryName"),
      lifecyclePolicy: same("lifecyclePolicy"),
      tags: { from: "tags", map: tagMap },
    },
    fields: [
      ["encryptionConfigurations[0]", "encryptionConfiguration"],
      ["encryptionConfigurations.0", "encryptionConfiguration"],
      ["encryptionConfigurations", "encryptionConfiguration"],
    ],
  },
  [NATIVE.subnet]: {
    aws: AWS.subnet,
    spec: { mapPublicIpOnLaunch: same("mapPublicIpOnLaunch"), vpcId: same("vpcId"), cidrBlock: same("cidrBlock"), tags: { from: "tags", map: tagMap } },
    fields: [],
  },
  [NATIVE.logGroup]: {
    aws: AWS.logGroup,
    spec: { kmsKeyId: same("kmsKeyId"), retentionInDays: same("retentionInDays"), name: same("logGroupName"), tags: { from: "tags", map: tagMap } },
    fields: [],
  },
};

/** The native types that are read as `awsType`. */
export function nativeTypesOf(awsType: string): string[] {
  return Object.entries(MAPPINGS)
    .filter(([, m]) => m.aws === awsType)
    .map(([native]) => native);
}

/** `types` plus their native equivalents (for a rule's `resourceTypes`). */
export function withNative(types: readonly string[]): string[] {
  return [...types, ...types.flatMap(nativeTypesOf)];
}

/** True when `type` is a native type the pack maps. */
export function isNative(type: string): boolean {
  return type in MAPPINGS;
}

/** The AWS type a (native or AWS) type is judged as. */
export function awsTypeOf(type: string): string {
  return MAPPINGS[type]?.aws ?? type;
}

/** The resource as the AWS-shaped checks read it: native inputs behind a lazy view, AWS resources unchanged. */
export function asAws<R extends ResourceUnderTest & { readonly propertyDependencies?: Readonly<Record<string, readonly string[]>> }>(resource: R): R {
  const mapping = MAPPINGS[resource.type];
  if (!mapping) return resource;
  const deps = resource.propertyDependencies;
  const propertyDependencies = deps && mapping.dependencies ? Object.fromEntries(Object.entries(mapping.dependencies).map(([aws, native]) => [aws, deps[native] ?? []])) : deps;
  return { ...resource, type: mapping.aws, props: view(resource.props ?? {}, mapping.spec), ...(deps ? { propertyDependencies: { ...deps, ...propertyDependencies } } : {}) };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Rewrites AWS field names in a finding to the native names of `type` (identity for AWS types). */
export function nativeFieldNames(type: string): (text: string) => string {
  const mapping = MAPPINGS[type];
  if (!mapping) return (t) => t;
  const pairs = [...mapping.fields].sort((a, b) => b[0].length - a[0].length);
  const re = new RegExp(`(?<![A-Za-z])(${pairs.map(([a]) => escape(a)).join("|")})(?![A-Za-z])`, "g");
  const to = new Map(pairs);
  return (text) => text.replace(re, (m) => to.get(m) ?? m);
}

/** A report that renames AWS field names to the native ones of `type`. */
export function nativeReport(type: string, report: Report): Report {
  const rename = nativeFieldNames(type);
  if (!isNative(type)) return report;
  return (f: Finding | string) => {
    const finding = typeof f === "string" ? { message: f } : f;
    report({ ...finding, message: rename(finding.message), ...(finding.remediation ? { remediation: rename(finding.remediation) } : {}) });
  };
}

/** Wrap a resource rule's check so it judges native resources through the AWS-shaped view, naming native fields. */
export function nativeAware<C>(check: (resource: ResourceUnderTest, report: Report, config: C) => void): (resource: ResourceUnderTest, report: Report, config: C) => void {
  return (resource, report, config) => check(asAws(resource), nativeReport(resource.type, report), config);
}

/** Wrap a stack rule's check so native resources are read through their AWS-shaped views, findings naming native fields. */
export function nativeAwareStack<C>(
  check: (resources: readonly StackResource[], report: Report, config: C) => void,
): (resources: readonly StackResource[], report: Report, config: C) => void {
  return (resources, report, config) => {
    const typeOf = new Map(resources.map((r) => [r.urn, r.type]));
    check(
      resources.map((r) => asAws(r)),
      (f: Finding | string) => {
        const finding = typeof f === "string" ? { message: f } : f;
        nativeReport(typeOf.get(finding.urn ?? "") ?? "", report)(finding);
      },
      config,
    );
  };
}

/** `resourceRule` for a rule written against `@pulumi/aws` shapes that also judges the native equivalents. */
export function nativeResourceRule(rule: Omit<ResourceRule, "kind">): ResourceRule {
  return resourceRule({ ...rule, resourceTypes: withNative(rule.resourceTypes), check: nativeAware(rule.check) });
}

/** `stackRule` for a rule written against `@pulumi/aws` shapes that also reads the native equivalents. */
export function nativeStackRule(rule: Omit<StackRule, "kind">): StackRule {
  return stackRule({ ...rule, resourceTypes: withNative(rule.resourceTypes), check: nativeAwareStack(rule.check) });
}
