import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { portRow } from "../../policy-pack/baseline/ports";
import { EncryptedLogGroup } from "../logs";
import { ec2Description } from "../firewall/description";
import { ruleTags, sgTags } from "../firewall/tags";
import { cidrSubnet, hasHostBits, isPrivateIpv4Cidr, networkCidr, parseIpv4Cidr } from "./cidr";
import { endpointServiceName, GATEWAY_ENDPOINT_SERVICES, interfaceEndpointServices } from "./endpoints";
import { interfaceEndpointPolicy, s3GatewayEndpointPolicy } from "./endpoint-policies";

export { cidrSubnet, isPrivateIpv4Cidr, isWorldCidr, parseIpv4Cidr } from "./cidr";
export { INTERFACE_ENDPOINT_SERVICES, GATEWAY_ENDPOINT_SERVICES, RUNTIME_MONITORING_ENDPOINT_SERVICE, endpointServiceName, interfaceEndpointServices } from "./endpoints";
export { bucketOf, ecrLayerBucket, interfaceEndpointPolicy, s3GatewayEndpointPolicy, PLATFORM_BUCKET_ACTIONS, type EndpointPolicyDocument } from "./endpoint-policies";

/** Arguments of {@link Network}. */
export interface NetworkArgs {
  /** VPC CIDR (/16 to /20, private range). Node, public and deployer subnets are carved from it. */
  readonly cidr: string;
  /** Secondary CIDR for pod subnets (VPC CNI custom networking), e.g. `100.64.0.0/16`. */
  readonly podCidr: string;
  /** 2 or 3 availability-zone names (from config; no look-up). */
  readonly availabilityZones: readonly string[];
  /** No NAT, no internet gateway, no public subnets: AWS APIs through VPC endpoints only. */
  readonly privateOnly: boolean;
  /**
   * One NAT gateway for all AZs (cheaper, less available); ignored when `privateOnly`. Default false (one NAT gateway
   * per AZ).
   */
  readonly singleNatGateway?: boolean;
  /** Carve small private subnets for the in-VPC deployer (CodeBuild). Default true. */
  readonly deployerSubnets?: boolean;
  /**
   * AWS region name, e.g. `eu-west-1` (literal: builds the VPC endpoint service names and checks that every AZ is in
   * it).
   */
  readonly region: string;
  /** 12-digit AWS account id (literal: scopes the endpoint and flow-log policies to this account's principals). */
  readonly accountId: string;
  /** KMS key for the flow-log group (LOG-001). */
  readonly flowLogKmsKeyArn: pulumi.Input<string>;
  /** Flow-log retention (>= 365). Default 365. */
  readonly flowLogRetentionDays?: number;
  /** Production: protect the flow-log group. Default false. */
  readonly protect?: boolean;
  /** EKS cluster name, for subnet discovery tags. */
  readonly clusterName: string;
  /**
   * This account's S3 buckets the VPC must reach through the S3 gateway endpoint (private-only mode): Pulumi state,
   * deployer sources. The endpoint policy admits them (for this account's principals) and the ECR layer bucket,
   * nothing else. Default none.
   */
  readonly s3Buckets?: readonly string[];
  /**
   * GuardDuty Runtime Monitoring with manually managed agents: create the `guardduty-data` endpoint the agent reports
   * to, in the endpoint SG (private-only mode), so node and pod egress to that SG reaches it. Default false.
   */
  readonly runtimeMonitoring?: boolean;
  /** AWS tags added to every resource the component creates (merged under the component's own tags). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * VPC across 2–3 AZs: private node subnets, separate pod subnets on a secondary CIDR, public subnets only
 * for NAT gateways (none in private-only mode), small deployer subnets, VPC flow logs to a KMS-encrypted
 * log group, the default security group emptied, and in private-only mode the interface/gateway VPC
 * endpoints a private EKS node needs, behind an endpoint SG that opens 443 from the VPC only.
 * Nodes never get public IPs (`mapPublicIpOnLaunch: false` everywhere).
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  /** VPC primary CIDR (literal). */
  readonly vpcCidr: string;
  /** Pod CIDR (literal). */
  readonly podCidr: string;
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly podSubnetIds: pulumi.Output<string>[];
  readonly publicSubnetIds: pulumi.Output<string>[];
  readonly deployerSubnetIds: pulumi.Output<string>[];
  /** Deployer subnet CIDRs (literal), allowlisted on the API by the Firewall. */
  readonly deployerCidrs: string[];
  /** Pod subnet CIDR per AZ (literal), for ENIConfig objects. */
  readonly podSubnetsByAz: { availabilityZone: string; cidr: string; subnetId: pulumi.Output<string> }[];
  /** Security group of the interface endpoints (private-only mode). */
  readonly endpointSecurityGroupId?: pulumi.Output<string>;
  /** Prefix list of the S3 gateway endpoint (private-only mode), for egress rules. */
  readonly s3PrefixListId?: pulumi.Output<string>;
  readonly privateOnly: boolean;

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    validateNetworkArgs(args);
    super("hardened-cluster:network:Network", name, {}, opts);
    const child = { parent: this };
    const tags = { ...args.tags };
    const azs = args.availabilityZones;
    this.vpcCidr = args.cidr;
    this.podCidr = args.podCidr;
    this.privateOnly = args.privateOnly;

    const vpc = new aws.ec2.Vpc(name, { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { ...tags, Name: name } }, child);
    this.vpcId = vpc.id;
    // The default SG allows all traffic between its members; empty it so nothing can use it by accident.
    new aws.ec2.DefaultSecurityGroup(`${name}-default`, { vpcId: vpc.id, ingress: [], egress: [], tags: { ...tags, Name: `${name}-default-unused` } }, child);
    const podBlock = new aws.ec2.VpcIpv4CidrBlockAssociation(`${name}-pods`, { vpcId: vpc.id, cidrBlock: args.podCidr }, child);

    // Layout of the primary CIDR: eighths 0..2 = node subnets, 6 = public (quartered), 7 = deployer (quartered).
    const nodeCidrs = azs.map((_, i) => cidrSubnet(args.cidr, 3, i));
    const publicCidrs = azs.map((_, i) => cidrSubnet(cidrSubnet(args.cidr, 3, 6), 2, i));
    this.deployerCidrs = args.deployerSubnets === false ? [] : azs.map((_, i) => cidrSubnet(cidrSubnet(args.cidr, 3, 7), 2, i));
    const podCidrs = azs.map((_, i) => cidrSubnet(args.podCidr, 2, i));
    const clusterTag = `kubernetes.io/cluster/${args.clusterName}`;

    const subnet = (kind: string, i: number, cidr: string, extraTags: Record<string, string>, dependsOn?: pulumi.Resource[]) =>
      new aws.ec2.Subnet(
        `${name}-${kind}-${azs[i]}`,
        { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: azs[i], mapPublicIpOnLaunch: false, tags: { ...tags, ...extraTags, Name: `${name}-${kind}-${azs[i]}` } },
        { parent: this, dependsOn },
      );
    const privateSubnets = nodeCidrs.map((c, i) => subnet("private", i, c, { "kubernetes.io/role/internal-elb": "1", [clusterTag]: "shared" }));
    const podSubnets = podCidrs.map((c, i) => subnet("pods", i, c, { "hardened-cluster.io/subnet": "pods" }, [podBlock]));
    const deployerSubnets = this.deployerCidrs.map((c, i) => subnet("deployer", i, c, { "hardened-cluster.io/subnet": "deployer" }));
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.podSubnetIds = podSubnets.map((s) => s.id);
    this.deployerSubnetIds = deployerSubnets.map((s) => s.id);
    this.podSubnetsByAz = azs.map((az, i) => ({ availabilityZone: az, cidr: podCidrs[i], subnetId: podSubnets[i].id }));

    // Private route tables, one per AZ; node, pod and deployer subnets of an AZ share it.
    const privateTables = azs.map((az) => new aws.ec2.RouteTable(`${name}-private-${az}`, { vpcId: vpc.id, tags: { ...tags, Name: `${name}-private-${az}` } }, child));
    azs.forEach((az, i) => {
      new aws.ec2.RouteTableAssociation(`${name}-private-${az}`, { subnetId: privateSubnets[i].id, routeTableId: privateTables[i].id }, child);
      new aws.ec2.RouteTableAssociation(`${name}-pods-${az}`, { subnetId: podSubnets[i].id, routeTableId: privateTables[i].id }, child);
      if (deployerSubnets[i]) new aws.ec2.RouteTableAssociation(`${name}-deployer-${az}`, { subnetId: deployerSubnets[i].id, routeTableId: privateTables[i].id }, child);
    });

    this.publicSubnetIds = [];
    if (!args.privateOnly) {
      const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { ...tags, Name: name } }, child);
      const publicTable = new aws.ec2.RouteTable(`${name}-public`, { vpcId: vpc.id, tags: { ...tags, Name: `${name}-public` } }, child);
      new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, child);
      const natCount = args.singleNatGateway ? 1 : azs.length;
      const publicSubnets = publicCidrs.slice(0, natCount).map((c, i) => subnet("public", i, c, { "kubernetes.io/role/elb": "1" }));
      this.publicSubnetIds = publicSubnets.map((s) => s.id);
      const nats = publicSubnets.map((s, i) => {
        new aws.ec2.RouteTableAssociation(`${name}-public-${azs[i]}`, { subnetId: s.id, routeTableId: publicTable.id }, child);
        const eip = new aws.ec2.Eip(`${name}-nat-${azs[i]}`, { domain: "vpc", tags: { ...tags, Name: `${name}-nat-${azs[i]}` } }, child);
        return new aws.ec2.NatGateway(`${name}-${azs[i]}`, { subnetId: s.id, allocationId: eip.id, tags: { ...tags, Name: `${name}-${azs[i]}` } }, { parent: this, dependsOn: [igw] });
      });
      privateTables.forEach((t, i) => {
        new aws.ec2.Route(`${name}-private-default-${azs[i]}`, { routeTableId: t.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nats[Math.min(i, nats.length - 1)].id }, child);
      });
    } else {
      const endpointSgName = `${name}-endpoints`;
      const endpointSg = new aws.ec2.SecurityGroup(
        endpointSgName,
        { vpcId: vpc.id, description: ec2Description("VPC interface endpoints: HTTPS from inside the VPC only"), tags: sgTags(endpointSgName, "endpoint", tags) },
        child,
      );
      const row = portRow("vpc-endpoint");
      [args.cidr, args.podCidr].forEach((cidr, i) => {
        new aws.vpc.SecurityGroupIngressRule(
          `${endpointSgName}-${row.id}-${i === 0 ? "vpc" : "pods"}`,
          {
            securityGroupId: endpointSg.id,
            description: ec2Description(`${row.purpose} from ${i === 0 ? "the VPC" : "the pod"} CIDR`),
            ipProtocol: row.protocols[0],
            fromPort: row.fromPort,
            toPort: row.toPort,
            cidrIpv4: cidr,
            tags: ruleTags("endpoint", "vpc-cidr", row.id, tags),
          },
          { parent: this, dependsOn: i === 1 ? [podBlock] : [] },
        );
      });
      this.endpointSecurityGroupId = endpointSg.id;
      for (const svc of interfaceEndpointServices({ runtimeMonitoring: args.runtimeMonitoring === true })) {
        new aws.ec2.VpcEndpoint(
          `${name}-${svc.replace(/\./g, "-")}`,
          {
            vpcId: vpc.id,
            serviceName: endpointServiceName(args.region, svc),
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: this.privateSubnetIds,
            securityGroupIds: [endpointSg.id],
            policy: JSON.stringify(interfaceEndpointPolicy(svc, args.accountId)),
            tags: { ...tags, Name: `${name}-${svc}` },
          },
          child,
        );
      }
      for (const svc of GATEWAY_ENDPOINT_SERVICES) {
        const gw = new aws.ec2.VpcEndpoint(
          `${name}-${svc}`,
          {
            vpcId: vpc.id,
            serviceName: endpointServiceName(args.region, svc),
            vpcEndpointType: "Gateway",
            routeTableIds: privateTables.map((t) => t.id),
            policy: JSON.stringify(s3GatewayEndpointPolicy(args.region, args.accountId, args.s3Buckets ?? [])),
            tags: { ...tags, Name: `${name}-${svc}` },
          },
          child,
        );
        if (svc === "s3") this.s3PrefixListId = gw.prefixListId;
      }
    }

    // Flow logs: every accept/reject, to a KMS-encrypted group with retention (LOG-001/002).
    const flowLogGroupName = `/aws/vpc/${name}/flow-logs`;
    const flowLogs = new EncryptedLogGroup(
      `${name}-flow-logs`,
      { name: flowLogGroupName, kmsKeyArn: args.flowLogKmsKeyArn, retentionInDays: args.flowLogRetentionDays, protect: args.protect, tags },
      child,
    );
    const flowRole = new aws.iam.Role(
      `${name}-flow-logs`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "vpc-flow-logs.amazonaws.com" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
            },
          ],
        }),
        tags,
      },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-flow-logs`,
      {
        role: flowRole.id,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [`arn:aws:logs:${args.region}:${args.accountId}:log-group:${flowLogGroupName}`, `arn:aws:logs:${args.region}:${args.accountId}:log-group:${flowLogGroupName}:*`],
            },
          ],
        }),
      },
      child,
    );
    new aws.ec2.FlowLog(
      name,
      { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: flowLogs.arn, iamRoleArn: flowRole.arn, maxAggregationInterval: 60, tags },
      child,
    );

    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      podSubnetIds: this.podSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
      deployerSubnetIds: this.deployerSubnetIds,
    });
  }
}

function validateNetworkArgs(args: NetworkArgs): void {
  const azs = args.availabilityZones;
  if (azs.length < 2 || azs.length > 3) throw new Error(`Network: availabilityZones has ${azs.length} entries; give 2 or 3 AZ names`);
  if (new Set(azs).size !== azs.length) throw new Error("Network: availabilityZones contains duplicates; list each AZ once");
  for (const az of azs) {
    if (!az.startsWith(args.region)) throw new Error(`Network: availabilityZones entry "${az}" is not in region ${args.region}`);
  }
  const { prefix } = parseIpv4Cidr(args.cidr);
  if (prefix < 16 || prefix > 20) throw new Error(`Network: cidr ${args.cidr} must be a /16 to /20 block`);
  if (!isPrivateIpv4Cidr(args.cidr)) throw new Error(`Network: cidr ${args.cidr} must be a private (RFC 1918) range`);
  const pod = parseIpv4Cidr(args.podCidr);
  if (pod.prefix < 16 || pod.prefix > 22) throw new Error(`Network: podCidr ${args.podCidr} must be a /16 to /22 block`);
  if (!isPrivateIpv4Cidr(args.podCidr)) throw new Error(`Network: podCidr ${args.podCidr} must be a private range (e.g. 100.64.0.0/16)`);
  if (args.cidr === args.podCidr) throw new Error("Network: podCidr must differ from cidr");
  for (const [field, value] of [["cidr", args.cidr], ["podCidr", args.podCidr]] as const) {
    if (hasHostBits(value)) throw new Error(`Network: ${field} ${value} has host bits set; pass the network address ${networkCidr(value)}`);
  }
  for (const bucket of args.s3Buckets ?? []) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`Network: s3Buckets entry "${bucket}" is not an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)`);
  }
  if (!args.flowLogKmsKeyArn) throw new Error("Network: flowLogKmsKeyArn is required (flow logs are KMS-encrypted)");
}
