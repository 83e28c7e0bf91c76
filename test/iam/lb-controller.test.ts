import { podIdentityTrustPolicy } from "../../components/cluster/iam";
import { LBC_IAM_POLICY } from "../../components/ingress";
import { simulate, type PolicyDocument } from "../support/iam-simulate";

// The AWS Load Balancer Controller's upstream policy (vendored unmodified) as IAM would decide it: the controller
// may create load balancers and security groups only when it tags them as its own, and change or delete only
// what carries its cluster tag; the Pod Identity trust admits only EKS Pod Identity of this account.
const ACCOUNT = "333333333333";
const REGION = "eu-west-1";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/hc-prod-lb-controller`;
const policy = JSON.parse(JSON.stringify(LBC_IAM_POLICY)) as PolicyDocument;
const LB = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/k8s-storefront-0123456789/0123456789abcdef`;
const SG = `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/sg-0123456789abcdef0`;

const decide = (action: string, resource: string, context: Record<string, string | string[]> = {}) =>
  simulate({ principal: ROLE, action, resource, resourceAccount: ACCOUNT, identityPolicies: [policy], context });

describe("AWS Load Balancer Controller policy (upstream v2.17.1), simulated", () => {
  test.each([
    ["creates an ALB it tags as the cluster's", "elasticloadbalancing:CreateLoadBalancer", LB, { "aws:RequestTag/elbv2.k8s.aws/cluster": "hc-prod" }, "Allowed"],
    ["cannot create an untagged ALB", "elasticloadbalancing:CreateLoadBalancer", LB, {}, "ImplicitlyDenied"],
    ["deletes a load balancer carrying its cluster tag", "elasticloadbalancing:DeleteLoadBalancer", LB, { "aws:ResourceTag/elbv2.k8s.aws/cluster": "hc-prod" }, "Allowed"],
    ["cannot delete someone else's load balancer (no cluster tag)", "elasticloadbalancing:DeleteLoadBalancer", LB, {}, "ImplicitlyDenied"],
    ["cannot delete a security group it does not own", "ec2:DeleteSecurityGroup", SG, {}, "ImplicitlyDenied"],
    ["creates the ELB service-linked role only", "iam:CreateServiceLinkedRole", `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`, { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" }, "Allowed"],
    ["no other service-linked role", "iam:CreateServiceLinkedRole", `arn:aws:iam::${ACCOUNT}:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS`, { "iam:AWSServiceName": "eks.amazonaws.com" }, "ImplicitlyDenied"],
    ["no IAM role creation", "iam:CreateRole", `arn:aws:iam::${ACCOUNT}:role/anything`, {}, "ImplicitlyDenied"],
    ["no EC2 instance changes", "ec2:TerminateInstances", `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`, {}, "ImplicitlyDenied"],
  ])("%s", async (_why, action, resource, context, expected) => {
    expect(await decide(action, resource, context as Record<string, string>)).toBe(expected);
  });

  test("the trust admits EKS Pod Identity of the account only", async () => {
    const trust = JSON.parse(podIdentityTrustPolicy(ACCOUNT)) as PolicyDocument;
    const assume = (principal: string, context: Record<string, string>) => simulate({ principal, action: "sts:AssumeRole", resource: ROLE, resourceAccount: ACCOUNT, resourcePolicy: trust, context });
    expect(await assume("pods.eks.amazonaws.com", { "aws:SourceAccount": ACCOUNT })).toBe("Allowed");
    expect(await assume("pods.eks.amazonaws.com", { "aws:SourceAccount": "444444444444" })).not.toBe("Allowed");
    expect(await assume("ec2.amazonaws.com", { "aws:SourceAccount": ACCOUNT })).not.toBe("Allowed");
  });
});
