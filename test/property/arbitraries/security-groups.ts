/**
 * Compliant security-group ingress in all three @pulumi/aws forms, generated from the port-table rows
 * (baseline/ports.ts) with sources each row permits, and single weakenings of one ingress rule.
 *
 * Ingress is generated in an abstract form ({@link AbstractIngress}) and rendered per form, so a weakening
 * mutates the abstract rule and the same mutation is judged in every form. What each form can express:
 * - inline `ec2.SecurityGroup.ingress[*]` (role from the SG's `sg-role` tag): self, CIDRs, and SG ids the
 *   config knows (trustedSecurityGroupIds, lbSecurityGroupIds) — an inline SG id carries no role;
 * - `ec2.SecurityGroupRule` (no tags): untagged (infrastructure) SGs, which accept only all traffic from self,
 *   and lb SGs listed in config lbSecurityGroupIds;
 * - `vpc.SecurityGroupIngressRule` (tags `sg-role` and `source-role`): every source kind of the table.
 */
import * as fc from "fast-check";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { LB_TARGETS_ROW_ID, rowsFor, type PortRow, type PortSource } from "../../../policy-pack/baseline/ports";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { SG_TYPES } from "../../../policy-pack/core/security-groups";
import { resource } from "../../support/rules";
import { pick, weakening, type Weakening } from "../support/pack";
import { hexId, privateCidr } from "./common";

/**
 * The EKS rows as the pack reads them under SG_CONFIG: row lb-targets is an envelope that documents only
 * `lbTargetPorts` (none here), so it neither permits traffic nor leaves ports undocumented.
 */
function documentedRows(): PortRow[] {
  return rowsFor("eks").filter((row) => row.id !== LB_TARGETS_ROW_ID);
}

/** Pack config the SG properties run with (trusted CIDRs and SGs, one lb SG). */
export const SG_CONFIG: Partial<PackConfig> = {
  trustedCidrs: ["203.0.113.0/24", "198.51.100.0/24", "2001:db8::/32"],
  trustedSecurityGroupIds: ["sg-0a1b2c3d4e5f60718"],
  lbSecurityGroupIds: ["sg-0f1e2d3c4b5a69788"],
};

const TRUSTED_SG = SG_CONFIG.trustedSecurityGroupIds![0];
const LB_SG = SG_CONFIG.lbSecurityGroupIds![0];

/** A source of an abstract ingress rule; `sg` sources carry the role the vpc form tags them with. */
export type AbstractSource =
  | { readonly kind: "self" }
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "sg"; readonly id: string; readonly role?: string };

/** Protocol, ports and source of one ingress rule, independent of the form it is written in. */
export interface AbstractIngress {
  protocol: "tcp" | "udp" | "-1";
  fromPort: number;
  toPort: number;
  source: AbstractSource;
}

/** The three ingress forms. */
export type SgForm = "inline" | "rule" | "vpc";

/** A security group (or one rule of it) before rendering. */
export interface SgSubject {
  readonly form: SgForm;
  /** `sg-role` of the protected SG, or `infrastructure` (untagged). */
  readonly role: string;
  readonly sgId: string;
  readonly name: string;
  /** One entry for the rule forms; one or more for inline. */
  readonly ingress: AbstractIngress[];
  /** Self-reference spelling: vpc form tags it `source-role: self`; rule form uses `sourceSecurityGroupId` = own id. */
  readonly tagSelf: boolean;
  /** Which spelling of the protocol to write (`tcp` or `6`, `-1` or `all`, …). */
  readonly spelling: number;
}

/** A CIDR inside config trustedCidrs (IPv4 /24–/32 or IPv6 /48–/64). */
const trustedCidr: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom("203.0.113", "198.51.100"), fc.integer({ min: 24, max: 32 }), fc.nat(255)).map(([net, prefix, host]) => {
    const size = 2 ** (32 - prefix);
    return `${net}.${Math.floor(host / size) * size}/${prefix}`;
  }),
  fc.tuple(fc.nat(0xffff), fc.constantFrom(48, 56, 64)).map(([g, prefix]) => `2001:db8:${g.toString(16)}::/${prefix}`),
);

/** Renderable sources of a port-table source kind in a given form (empty when the form cannot express it). */
function sourcesFor(kind: PortSource, form: SgForm): fc.Arbitrary<AbstractSource>[] {
  const sgId = hexId.map((h) => `sg-${h}`);
  switch (kind) {
    case "self":
      return [fc.constant({ kind: "self" as const })];
    case "trusted-cidrs":
      return [trustedCidr.map((cidr) => ({ kind: "cidr" as const, cidr }))];
    case "vpc-cidr":
      return [privateCidr.map((cidr) => ({ kind: "cidr" as const, cidr }))];
    case "trusted-sgs":
      return [fc.constant({ kind: "sg" as const, id: TRUSTED_SG })];
    case "lb":
      return form === "vpc" ? [sgId.map((id) => ({ kind: "sg" as const, id, role: "lb" }))] : [fc.constant({ kind: "sg" as const, id: LB_SG })];
    default:
      // node, cluster, control-plane, pods: only the vpc form can say which role a source SG has.
      return form === "vpc" ? [sgId.map((id) => ({ kind: "sg" as const, id, role: kind }))] : [];
  }
}

/** Protocol and a port range wholly inside the row. */
function trafficIn(row: PortRow): fc.Arbitrary<Pick<AbstractIngress, "protocol" | "fromPort" | "toPort">> {
  if (row.protocols.includes("all")) return fc.constant({ protocol: "-1" as const, fromPort: 0, toPort: 0 });
  return fc
    .tuple(fc.constantFrom(...(row.protocols as ("tcp" | "udp")[])), fc.integer({ min: row.fromPort, max: row.toPort }), fc.integer({ min: row.fromPort, max: row.toPort }))
    .map(([protocol, a, b]) => ({ protocol, fromPort: Math.min(a, b), toPort: Math.max(a, b) }));
}

/** Every permitted (row, source) ingress for an SG of `role` written in `form`. */
function permittedIngress(role: string, form: SgForm): fc.Arbitrary<AbstractIngress> {
  if (role === "infrastructure") return fc.constant({ protocol: "-1" as const, fromPort: 0, toPort: 0, source: { kind: "self" as const } });
  if (role === "lb") {
    return trustedCidr.map((cidr) => ({ protocol: "tcp" as const, fromPort: 443, toPort: 443, source: { kind: "cidr" as const, cidr } }));
  }
  const options: fc.Arbitrary<AbstractIngress>[] = [];
  for (const row of documentedRows().filter((r) => r.targets.includes(role))) {
    for (const kind of row.sources) {
      for (const source of sourcesFor(kind, form)) {
        options.push(fc.tuple(trafficIn(row), source).map(([traffic, s]) => ({ ...traffic, source: s })));
      }
    }
  }
  if (options.length === 0) throw new Error(`no permitted ingress for role ${role} in form ${form}`);
  return fc.oneof(...options);
}

const TAGGED_ROLES = ["cluster", "node", "control-plane", "pods", "lb", "endpoint"];

/** A compliant SG subject of a random form and role. */
export const compliantSg: fc.Arbitrary<SgSubject> = fc
  .record({
    form: fc.constantFrom<SgForm>("inline", "rule", "vpc"),
    roleIndex: fc.nat(),
    id: hexId,
    name: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/),
    count: fc.integer({ min: 1, max: 4 }),
    tagSelf: fc.boolean(),
    spelling: fc.nat(3),
  })
  .chain(({ form, roleIndex, id, name, count, tagSelf, spelling }) => {
    const roles = form === "rule" ? ["infrastructure", "lb"] : TAGGED_ROLES;
    const role = pick(roles, roleIndex);
    const sgId = form === "rule" && role === "lb" ? LB_SG : `sg-${id}`;
    const n = form === "inline" ? count : 1;
    return fc
      .array(permittedIngress(role, form), { minLength: n, maxLength: n })
      .map((ingress): SgSubject => ({ form, role, sgId, name, ingress, tagSelf, spelling }));
  });

function isV6(cidr: string): boolean {
  return cidr.includes(":");
}

function genericSource(source: AbstractSource, form: "inline" | "rule", sgId: string, selfById: boolean): Record<string, unknown> {
  switch (source.kind) {
    case "self":
      // ec2.SecurityGroupRule may also reference its own SG by id.
      return form === "rule" && selfById ? { sourceSecurityGroupId: sgId } : { self: true };
    case "cidr":
      return isV6(source.cidr) ? { ipv6CidrBlocks: [source.cidr] } : { cidrBlocks: [source.cidr] };
    case "sg":
      return form === "inline" ? { securityGroups: [source.id] } : { sourceSecurityGroupId: source.id };
  }
}

/** How AWS lets each protocol be spelled (catalog §1.3: tcp/6, udp/17, -1/all). */
const SPELLINGS: Record<AbstractIngress["protocol"], readonly string[]> = { tcp: ["tcp", "6"], udp: ["udp", "17"], "-1": ["-1", "all"] };

function spell(protocol: AbstractIngress["protocol"], variant: number): string {
  return pick(SPELLINGS[protocol], variant);
}

/** Render the subject in its form. */
export function renderSg(s: SgSubject): StackResource {
  const roleTag: Record<string, string> = s.role === "infrastructure" ? {} : { [LABELS.sgRole]: s.role };
  if (s.form === "inline") {
    const ingress = s.ingress.map((r, i) => ({ protocol: spell(r.protocol, s.spelling + i), fromPort: r.fromPort, toPort: r.toPort, description: "generated", ...genericSource(r.source, "inline", s.sgId, false) }));
    return resource(SG_TYPES.securityGroup, s.name, { name: s.name, vpcId: "vpc-0123456789abcdef0", ingress, tags: { Name: s.name, ...roleTag } });
  }
  const r = s.ingress[0];
  if (s.form === "rule") {
    return resource(SG_TYPES.securityGroupRule, s.name, { type: "ingress", securityGroupId: s.sgId, protocol: spell(r.protocol, s.spelling), fromPort: r.fromPort, toPort: r.toPort, ...genericSource(r.source, "rule", s.sgId, s.tagSelf) });
  }
  const ports = r.protocol === "-1" ? {} : { fromPort: r.fromPort, toPort: r.toPort };
  const tags: Record<string, string> = { ...roleTag };
  let source: Record<string, unknown>;
  switch (r.source.kind) {
    case "self":
      source = { referencedSecurityGroupId: s.sgId };
      if (s.tagSelf) tags[LABELS.sourceRole] = "self";
      break;
    case "cidr":
      source = isV6(r.source.cidr) ? { cidrIpv6: r.source.cidr } : { cidrIpv4: r.source.cidr };
      break;
    case "sg":
      source = { referencedSecurityGroupId: r.source.id };
      if (r.source.role) tags[LABELS.sourceRole] = r.source.role;
      break;
  }
  return resource(SG_TYPES.ingressRule, s.name, { securityGroupId: s.sgId, ipProtocol: spell(r.protocol, s.spelling), ...ports, ...source, tags });
}

type W = Weakening<SgSubject>;

/** Ports in no eks-scope row of the table (so no row can permit them). */
const UNDOCUMENTED_PORT = fc
  .integer({ min: 1, max: 65535 })
  .filter((p) => !documentedRows().some((row) => !row.protocols.includes("all") && p >= row.fromPort && p <= row.toPort));

/** Weaken the `i`-th ingress (modulo) of the subject. */
function onIngress(i: number, mutate: (r: AbstractIngress, s: SgSubject) => void): (s: SgSubject) => void {
  return (s) => mutate(pick(s.ingress, i), s);
}

/** True when an all-traffic row (intra, pods) permits this source on an SG of `role`: then every port is documented. */
function allTrafficSource(role: string, source: AbstractSource): boolean {
  const kind = source.kind === "self" ? "self" : source.kind === "sg" ? source.role : undefined;
  if (role === "infrastructure") return kind === "self";
  return documentedRows().some((row) => row.protocols.includes("all") && row.targets.includes(role) && row.sources.some((k) => k === kind));
}

/** Every single weakening of an SG, with the rule id that must catch it. */
export const sgWeakening: fc.Arbitrary<W> = fc.oneof(
  fc.tuple(fc.nat(), UNDOCUMENTED_PORT, fc.constantFrom<"tcp" | "udp">("tcp", "udp"), trustedCidr).map(([i, port, protocol, cidr]) =>
    weakening<SgSubject>(`open ${protocol} ${port} on ingress #${i} (all-traffic sources become ${cidr})`, ["SG-001"], onIngress(i, (r, s) => {
      r.protocol = protocol;
      r.fromPort = port;
      r.toPort = port;
      // Sources of the intra/pods rows may send anything; the weakening is an undocumented port from elsewhere.
      if (allTrafficSource(s.role, r.source)) r.source = { kind: "cidr", cidr };
    })),
  ),
  fc.tuple(fc.nat(), fc.constantFrom("0.0.0.0/0", "::/0")).map(([i, cidr]) =>
    weakening<SgSubject>(`source ${cidr} on ingress #${i}`, ["SG-002"], onIngress(i, (r) => (r.source = { kind: "cidr", cidr }))),
  ),
  fc.tuple(fc.nat(), fc.constantFrom<[number, number]>([2379, 2379], [2380, 2380], [2379, 2380])).map(([i, [from, to]]) =>
    weakening<SgSubject>(`etcd tcp ${from}-${to} on ingress #${i}`, ["SG-003"], onIngress(i, (r) => {
      r.protocol = "tcp";
      r.fromPort = from;
      r.toPort = to;
    })),
  ),
  fc.tuple(fc.nat(), fc.oneof(privateCidr, trustedCidr)).map(([i, cidr]) =>
    weakening<SgSubject>(`all traffic from ${cidr} on ingress #${i}`, ["SG-004"], onIngress(i, (r) => {
      r.protocol = "-1";
      r.fromPort = 0;
      r.toPort = 0;
      r.source = { kind: "cidr", cidr };
    })),
  ),
);
