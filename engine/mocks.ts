import * as pulumi from "@pulumi/pulumi";
import { decodeYaml } from "./expanders/kubernetes-yaml";

/** Account id used for mocked ARNs. */
export const MOCK_ACCOUNT_ID = "123456789012";

/** Marker given to `secure:` config values, which cannot be decrypted offline. */
export const SECRET_PLACEHOLDER = "[secret: not decrypted offline]";

function service(type: string): string {
  const [pkg, mod] = type.split(":");
  return pkg === "aws" ? (mod ?? "aws").split("/")[0] : pkg;
}

/** Outputs a real provider would add for the few types whose outputs other resources consume. */
function typeSpecificOutputs(type: string, name: string, inputs: Record<string, any>, region: string): Record<string, unknown> {
  switch (type) {
    case "aws:eks/cluster:Cluster": {
      const clusterName = inputs.name ?? name;
      return {
        name: clusterName,
        endpoint: `https://${clusterName.toUpperCase().replace(/[^A-Z0-9]/g, "")}.gr7.${region}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from("mock-ca").toString("base64") },
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/MOCK${clusterName.length}` }] }],
        vpcConfig: { ...(inputs.vpcConfig ?? {}), clusterSecurityGroupId: `sg-cluster-${clusterName}`, vpcId: "vpc-mock" },
        status: "ACTIVE",
        platformVersion: "eks.1",
      };
    }
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { latestVersion: 1, defaultVersion: 1 };
    case "aws:kms/key:Key":
      return { keyId: `${name}-key-id`, arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${name}-key-id` };
    case "aws:cloudwatch/logGroup:LogGroup":
      return { name: inputs.name ?? name, arn: `arn:aws:logs:${region}:${MOCK_ACCOUNT_ID}:log-group:${inputs.name ?? name}` };
    case "aws:iam/role:Role":
      return { name: inputs.name ?? name, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:role/${inputs.name ?? name}` };
    case "aws:ec2/vpc:Vpc":
      return { id: `vpc-${name}`, defaultSecurityGroupId: `sg-default-${name}` };
    case "aws:ecr/repository:Repository":
      return { repositoryUrl: `${MOCK_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/${inputs.name ?? name}` };
    case "aws:eks/nodeGroup:NodeGroup": {
      // EKS names a managed node group's Auto Scaling group eks-<node group name>-<uuid>.
      const nodeGroupName = inputs.nodeGroupName ?? name;
      return { nodeGroupName, status: "ACTIVE", resources: [{ autoscalingGroups: [{ name: `eks-${nodeGroupName}-00000000-0000-0000-0000-000000000000` }], remoteAccessSecurityGroupId: "" }] };
    }
    default:
      return {};
  }
}

/** Outputs of another stack for a `StackReference`, by fully qualified stack name (`org/project/stack`). */
export type StackOutputsLookup = (stackName: string) => Record<string, unknown>;

/**
 * Realistic mocks: invokes with a faithful offline answer (caller identity, region, partition, the OIDC
 * certificate, `kubernetes:yaml:decode`) are answered; any other invoke echoes its arguments and is reported
 * through `onUnanswered`.
 * Resources: ids, ARNs, endpoints and the outputs downstream resources read. A
 * `pulumi:pulumi:StackReference` (read under mocks) gets its `outputs` from `stackOutputs` (default: none).
 */
export function realisticMocks(
  region = "eu-west-1",
  stackOutputs: StackOutputsLookup = () => ({}),
  /** Called with the token of every invoke that has no faithful offline answer (its arguments are echoed). */
  onUnanswered: (token: string) => void = () => undefined,
): pulumi.runtime.Mocks {
  return {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
      const inputs = args.inputs ?? {};
      if (args.type === "pulumi:pulumi:StackReference") {
        const stackName = String(inputs.name ?? args.name);
        return { id: stackName, state: { name: stackName, outputs: stackOutputs(stackName), secretOutputNames: [] } };
      }
      const id = args.type.startsWith("kubernetes:") ? `${inputs.metadata?.namespace ?? "default"}/${inputs.metadata?.name ?? args.name}` : `${args.name}-id`;
      const arn = `arn:aws:${service(args.type)}:${region}:${MOCK_ACCOUNT_ID}:${args.type.split(":").pop()?.toLowerCase()}/${args.name}`;
      const state: Record<string, any> = { ...inputs, ...(args.type.startsWith("aws:") ? { arn } : {}), id };
      if (args.type.startsWith("kubernetes:") && inputs.metadata && !inputs.metadata.name) {
        state.metadata = { ...inputs.metadata, name: `${args.name}-mock` };
      }
      return { id, state: { ...state, ...typeSpecificOutputs(args.type, args.name, inputs, region) } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
      switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
          return { accountId: MOCK_ACCOUNT_ID, arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`, userId: "MOCK" };
        case "aws:index/getRegion:getRegion":
          return { name: region, region };
        case "aws:index/getPartition:getPartition":
          return { partition: "aws", dnsSuffix: "amazonaws.com" };
        case "kubernetes:yaml:decode":
          // What the provider's decode does: every non-empty document of the text, in order.
          return { result: decodeYaml(String(args.inputs.text ?? ""), "kubernetes:yaml:decode") };
        case "tls:index/getCertificate:getCertificate":
          return { certificates: [{ sha1Fingerprint: "9e99a48a9960b14926bb7f3b02e22da2b0ab7280" }], id: String(args.inputs.url) };
        default:
          onUnanswered(args.token);
          return { ...args.inputs };
      }
    },
  };
}
