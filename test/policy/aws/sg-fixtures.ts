/** Builders for security-group rule tests: the three ingress forms the SG rules judge. */
import { LABELS } from "../../../policy-pack/baseline/labels";
import { resource } from "../../support/rules";

/** Pulumi type tokens of the three forms. */
export const SG = "aws:ec2/securityGroup:SecurityGroup";
export const SGR = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const VIR = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** Inline `ingress` on an SG with the given role (undefined = untagged, i.e. infrastructure). */
export const inline = (role: string | undefined, ...ingress: Record<string, unknown>[]) =>
  resource(SG, "sg", { vpcId: "vpc-1", tags: role ? { [LABELS.sgRole]: role } : {}, ingress });
/** `ec2.SecurityGroupRule` of type ingress (no tags). */
export const sgr = (props: Record<string, unknown>) => resource(SGR, "sgr", { type: "ingress", securityGroupId: "sg-target", ...props });
/** `vpc.SecurityGroupIngressRule` with the target SG's role and an optional source role. */
export const vir = (role: string | undefined, props: Record<string, unknown>, sourceRole?: string) =>
  resource(VIR, "vir", {
    securityGroupId: "sg-target",
    tags: { ...(role ? { [LABELS.sgRole]: role } : {}), ...(sourceRole ? { [LABELS.sourceRole]: sourceRole } : {}) },
    ...props,
  });
/** TCP `from`..`to` in the `vpc.SecurityGroupIngressRule` spelling. */
export const tcp = (from: number, to = from) => ({ ipProtocol: "tcp", fromPort: from, toPort: to });
/** UDP `from`..`to` in the `vpc.SecurityGroupIngressRule` spelling. */
export const udp = (from: number, to = from) => ({ ipProtocol: "udp", fromPort: from, toPort: to });
/** Source: another SG by id. */
export const fromSg = (id = "sg-src") => ({ referencedSecurityGroupId: id });
