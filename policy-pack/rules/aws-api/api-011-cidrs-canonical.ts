import { CIDR_DOC, judgeCidr } from "../../core/cidr-host-bits";
import { fieldReader, UNKNOWN } from "../../core/fields";
import { resourceRule } from "../../core/rule";
import { concretePaths } from "./paths";

/** CIDR-valued input paths per type; `[]` marks an array whose items are CIDRs or objects. */
const CIDR_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["cidrBlock", "ipv6CidrBlock"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "ipv6CidrBlock"],
  "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation": ["cidrBlock"],
  "aws:ec2/route:Route": ["destinationCidrBlock", "destinationIpv6CidrBlock"],
  "aws:ec2/securityGroup:SecurityGroup": ["ingress[].cidrBlocks[]", "ingress[].ipv6CidrBlocks[]", "egress[].cidrBlocks[]", "egress[].ipv6CidrBlocks[]"],
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ["ingress[].cidrBlocks[]", "ingress[].ipv6CidrBlocks[]", "egress[].cidrBlocks[]", "egress[].ipv6CidrBlocks[]"],
  "aws:ec2/securityGroupRule:SecurityGroupRule": ["cidrBlocks[]", "ipv6CidrBlocks[]"],
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["cidrIpv4", "cidrIpv6"],
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["cidrIpv4", "cidrIpv6"],
  "aws:eks/cluster:Cluster": ["vpcConfig.publicAccessCidrs[]", "kubernetesNetworkConfig.serviceIpv4Cidr"],
};


/** API-011: CIDR blocks are canonical (no host bits) and well-formed. */
export const api011 = resourceRule({
  id: "API-011",
  name: "cidrs-canonical",
  description:
    "VPC, subnet, route, security-group and EKS CIDR inputs are well-formed blocks without host bits (10.0.0.0/16, not 10.0.0.5/16): EC2 rejects them or canonicalises them into a permanent diff and duplicate-rule errors.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "network", "aws"],
  seed: ["S1 §5.1"],
  upstream: `${CIDR_DOC} · https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html`,
  remediation: "Write the network address of the block (clear the host bits), e.g. 10.0.0.0/16 instead of 10.0.0.5/16.",
  resourceTypes: Object.keys(CIDR_FIELDS),
  check(resource, report) {
    const get = fieldReader(resource.props, report);
    for (const pattern of CIDR_FIELDS[resource.type] ?? []) {
      for (const path of concretePaths(get, pattern)) {
        const value = get(path);
        if (value === UNKNOWN || typeof value !== "string") continue;
        const verdict = judgeCidr(value);
        if (verdict.kind === "malformed") {
          report({ message: `${path} ${JSON.stringify(value)} is not a CIDR block (address/prefix) (${CIDR_DOC})`, remediation: `Set ${path} to a block such as 10.0.0.0/16.` });
        } else if (verdict.kind === "host-bits") {
          report({ message: `${path} ${JSON.stringify(value)} has host bits set; the block is ${verdict.canonical} (${CIDR_DOC})`, remediation: `Set ${path} to ${verdict.canonical}.` });
        }
      }
    }
  },
});
