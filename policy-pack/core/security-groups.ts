/**
 * Security-group ingress, normalised. The three ways to write ingress in @pulumi/aws
 * (inline `ingress` of `ec2.SecurityGroup`, `ec2.SecurityGroupRule` with `type: "ingress"`,
 * `vpc.SecurityGroupIngressRule`) become one `IngressRule` shape, and each rule can be matched
 * against the port table (baseline/ports.ts) for the role of the protected SG.
 */
import { LABELS, SG_ROLES, type SecurityGroupRole } from "../baseline/labels";
import { LB_TARGETS_ROW_ID, normaliseProtocol, rowsFor, type PortProtocol, type PortRow, type PortSource } from "../baseline/ports";
import { isPrivate, isWorld, parseCidr, withinAny } from "./cidr";
import type { PackConfig } from "./config";
import type { Report, ResourceUnderTest } from "./rule";
import { cannotVerify, readMaybeUnknown } from "./unknowns";

/** Type tokens of the three ingress forms. */
export const SG_TYPES = {
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
} as const;

/** Direction of a security-group rule. For egress, a rule's "sources" are its destinations. */
export type Direction = "ingress" | "egress";

/**
 * Types SG-001…SG-007 judge one resource at a time: the forms that carry their own role tags. An
 * `ec2.SecurityGroupRule` has no tags, so its groups' roles come from the stack and SG-009 runs the same checks on it.
 */
export const INGRESS_TYPES: readonly string[] = [SG_TYPES.securityGroup, SG_TYPES.ingressRule];

/** Role of the protected SG; `infrastructure` = untagged (strictest: only self traffic). */
export type TargetRole = SecurityGroupRole | "infrastructure";

/** Where an ingress rule lets traffic come from. `field` is the input path, for messages. */
export type IngressSource =
  | { readonly kind: "cidr"; readonly cidr: string; readonly field: string }
  | { readonly kind: "sg"; readonly id?: string; readonly role?: SecurityGroupRole; readonly field: string }
  | { readonly kind: "self"; readonly field: string }
  | { readonly kind: "prefixList"; readonly id?: string; readonly field: string };

/** One ingress rule in normal form. Ports of an all-traffic rule are 0-65535. */
export interface IngressRule {
  /** Normalised protocol; undefined for other IP protocols (e.g. `50`). */
  readonly protocol: PortProtocol | undefined;
  /** The protocol as written. */
  readonly rawProtocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly sources: readonly IngressSource[];
  /** Input path of the rule's protocol field, e.g. `ingress[0].protocol` or `ipProtocol`. */
  readonly protocolField: string;
  /** Input path prefix of the port fields, e.g. `ingress[0].` or ``. */
  readonly at: string;
}

/** Everything the SG rules need about one resource: the protected SG's role and its ingress rules. */
export interface IngressView {
  readonly role: TargetRole;
  readonly rules: readonly IngressRule[];
}

/**
 * The roles of a standalone `ec2.SecurityGroupRule`'s groups, resolved from the stack: the rule has no tags of its
 * own, so the role of the group it belongs to (`securityGroupId`) and of its source group (`sourceSecurityGroupId`)
 * come from those groups' `sg-role` tags, joined through `propertyDependencies` (rule SG-009).
 */
export interface ResolvedGroups {
  /** Role of the group the rule belongs to; undefined when that group is not in the stack. */
  readonly target?: TargetRole;
  /** Role of the source group; `self` when it is the rule's own group; undefined when not in the stack. */
  readonly source?: SecurityGroupRole | "self";
}

/** Key under which a resource carries the groups resolved for it (see `withResolvedGroups`). */
export const RESOLVED_GROUPS: unique symbol = Symbol("security groups resolved from the stack");

/** A resource with the roles of its groups resolved from the stack. */
export interface ResolvedRuleResource extends ResourceUnderTest {
  readonly [RESOLVED_GROUPS]: ResolvedGroups;
}

/** The resource as SG-001…SG-007 should judge it once its groups' roles are known from the stack. */
export function withResolvedGroups(resource: ResourceUnderTest, groups: ResolvedGroups): ResolvedRuleResource {
  return { ...resource, [RESOLVED_GROUPS]: groups };
}

function resolvedGroups(resource: ResourceUnderTest): ResolvedGroups | undefined {
  return (resource as Partial<ResolvedRuleResource>)[RESOLVED_GROUPS];
}

type Read = <T>(read: () => T, field: string) => T | undefined;

function isRole(value: unknown): value is SecurityGroupRole {
  return typeof value === "string" && (SG_ROLES as readonly string[]).includes(value);
}

/**
 * The string elements of a list with their input paths. Indexed reads through `read`, not `filter`: at preview the
 * SDK proxy throws on an unknown element, which `read` reports as cannot-verify for that element alone.
 */
function strings(value: unknown, field: string, read: Read): { value: string; field: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { value: string; field: string }[] = [];
  for (let j = 0; j < value.length; j++) {
    const v = read(() => value[j], `${field}[${j}]`);
    if (typeof v === "string") out.push({ value: v, field: `${field}[${j}]` });
  }
  return out;
}

/** A reader that reports each unknown field once as an advisory `cannotVerify` and yields undefined. */
function unknownReader(report: Report): Read {
  return <T>(read: () => T, field: string) => {
    const r = readMaybeUnknown(read);
    if (r.known) return r.value;
    report(cannotVerify(field));
    return undefined;
  };
}

function ports(protocol: PortProtocol | undefined, from: unknown, to: unknown): [number, number] {
  if (protocol === "all") return [0, 65535];
  const f = typeof from === "number" ? from : Number(from ?? NaN);
  const t = typeof to === "number" ? to : Number(to ?? NaN);
  return [Number.isFinite(f) ? f : 0, Number.isFinite(t) ? t : 65535];
}

/**
 * Role of the protected SG from its `sg-role` tag, or config `lbSecurityGroupIds`; untagged = infrastructure.
 * `undefined` when the tag is unknown at preview (reported as cannot-verify): the role decides every row.
 */
function targetRole(resource: ResourceUnderTest, config: PackConfig, report: Report): TargetRole | undefined {
  const props = resource.props ?? {};
  const type = resource.type;
  const resolved = resolvedGroups(resource)?.target;
  if (resolved !== undefined) return resolved;
  if (type !== SG_TYPES.securityGroupRule) {
    const tag = readMaybeUnknown(() => props.tags?.[LABELS.sgRole]);
    if (!tag.known) {
      report(cannotVerify(`tags["${LABELS.sgRole}"] (the SG's role decides which port-table rows apply)`));
      return undefined;
    }
    if (isRole(tag.value)) return tag.value;
  }
  if (type !== SG_TYPES.securityGroup && "securityGroupId" in props) {
    const id = readMaybeUnknown(() => props.securityGroupId);
    if (!id.known && config.lbSecurityGroupIds.length > 0) {
      report(cannotVerify("securityGroupId (compared with config lbSecurityGroupIds to tell a load-balancer SG)"));
      return undefined;
    }
    if (id.known && typeof id.value === "string" && config.lbSecurityGroupIds.includes(id.value)) return "lb";
  }
  return "infrastructure";
}

function inlineRules(props: Record<string, any>, read: Read, direction: Direction): IngressRule[] {
  if (!(direction in props)) return [];
  const list = read(() => props[direction], direction);
  if (!Array.isArray(list)) return [];
  const out: IngressRule[] = [];
  for (let i = 0; i < list.length; i++) {
    const at = `${direction}[${i}].`;
    const entry = read(() => list[i], `${direction}[${i}]`);
    if (!entry || typeof entry !== "object") continue;
    const rule = genericRule(entry, at, read);
    if (rule) out.push(rule);
  }
  return out;
}

/** Shared by inline `ingress[*]` and `ec2.SecurityGroupRule` (same field names). `sourceRole` is the stack-resolved role of `sourceSecurityGroupId`. */
function genericRule(p: Record<string, any>, at: string, read: Read, ownSgId?: string, sourceRole?: SecurityGroupRole | "self"): IngressRule | undefined {
  const raw = read(() => p.protocol, `${at}protocol`);
  if (raw === undefined && "protocol" in p) return undefined;
  const protocol = normaliseProtocol(raw);
  const from = read(() => p.fromPort, `${at}fromPort`);
  const to = read(() => p.toPort, `${at}toPort`);
  if (protocol !== "all" && (from === undefined || to === undefined) && ("fromPort" in p || "toPort" in p)) return undefined;
  const [fromPort, toPort] = ports(protocol, from, to);
  const sources: IngressSource[] = [];
  for (const [key] of [["cidrBlocks"], ["ipv6CidrBlocks"]] as const) {
    if (!(key in p)) continue;
    const list = read(() => p[key], `${at}${key}`);
    for (const { value, field } of strings(list, `${at}${key}`, read)) sources.push({ kind: "cidr", cidr: value, field });
  }
  if ("self" in p && read(() => p.self, `${at}self`) === true) sources.push({ kind: "self", field: `${at}self` });
  if ("securityGroups" in p) {
    const list = read(() => p.securityGroups, `${at}securityGroups`);
    if (Array.isArray(list)) {
      // Indexed reads, not forEach: at preview the proxy throws on an unknown element, which `read` reports per element.
      for (let j = 0; j < list.length; j++) {
        const id = read(() => list[j], `${at}securityGroups[${j}]`);
        if (typeof id === "string") sources.push({ kind: "sg", id, field: `${at}securityGroups[${j}]` });
      }
    }
  }
  if ("sourceSecurityGroupId" in p && sourceRole === "self") {
    // Same group resource in the stack: a self rule even while both ids are unknown.
    sources.push({ kind: "self", field: `${at}sourceSecurityGroupId` });
  } else if ("sourceSecurityGroupId" in p && sourceRole !== undefined && sourceRole !== "self") {
    // Role resolved from the in-stack source group: its id may stay unknown until update.
    const id = readMaybeUnknown(() => p.sourceSecurityGroupId);
    sources.push({ kind: "sg", id: id.known && typeof id.value === "string" && id.value !== "" ? id.value : undefined, role: sourceRole, field: `${at}sourceSecurityGroupId` });
  } else if ("sourceSecurityGroupId" in p) {
    const id = read(() => p.sourceSecurityGroupId, `${at}sourceSecurityGroupId`);
    if (typeof id === "string" && id !== "" && id === ownSgId) sources.push({ kind: "self", field: `${at}sourceSecurityGroupId` });
    else if (typeof id === "string" && id !== "") sources.push({ kind: "sg", id, field: `${at}sourceSecurityGroupId` });
  }
  if ("prefixListIds" in p) {
    const list = read(() => p.prefixListIds, `${at}prefixListIds`);
    for (const { value, field } of strings(list, `${at}prefixListIds`, read)) sources.push({ kind: "prefixList", id: value, field });
  }
  return { protocol, rawProtocol: String(raw), fromPort, toPort, sources, protocolField: `${at}protocol`, at };
}

function securityGroupRule(props: Record<string, any>, read: Read, report: Report, resolved: ResolvedGroups | undefined, direction: Direction): IngressRule[] {
  const type = read(() => props.type, "type");
  if (type !== direction) return [];
  const ownId = "securityGroupId" in props ? readMaybeUnknown(() => props.securityGroupId) : { known: true as const, value: undefined };
  if (resolved?.source !== undefined) {
    const rule = genericRule(props, "", read, ownId.known && typeof ownId.value === "string" ? ownId.value : undefined, resolved.source);
    return rule ? [rule] : [];
  }
  if (!ownId.known && "sourceSecurityGroupId" in props) {
    // Whether the source is the SG itself (a self rule) is only known once both ids are.
    report(cannotVerify("securityGroupId (compared with sourceSecurityGroupId to tell a self rule)"));
    return [];
  }
  const own = ownId.known ? ownId.value : read(() => props.securityGroupId, "securityGroupId");
  const rule = genericRule(props, "", read, typeof own === "string" ? own : undefined);
  return rule ? [rule] : [];
}

function vpcIngressRule(props: Record<string, any>, read: Read, report: Report, targetRoleTag: TargetRole): IngressRule[] {
  const raw = read(() => props.ipProtocol, "ipProtocol");
  if (raw === undefined) return [];
  const protocol = normaliseProtocol(raw);
  const from = read(() => props.fromPort, "fromPort");
  const to = read(() => props.toPort, "toPort");
  if (protocol !== "all" && (from === undefined || to === undefined) && ("fromPort" in props || "toPort" in props)) return [];
  const [fromPort, toPort] = ports(protocol, from, to);
  const sources: IngressSource[] = [];
  for (const key of ["cidrIpv4", "cidrIpv6"] as const) {
    if (!(key in props)) continue;
    const cidr = read(() => props[key], key);
    if (typeof cidr === "string") sources.push({ kind: "cidr", cidr, field: key });
  }
  if ("referencedSecurityGroupId" in props) {
    const field = "referencedSecurityGroupId";
    const id = readMaybeUnknown(() => props.referencedSecurityGroupId);
    const own = "securityGroupId" in props ? readMaybeUnknown(() => props.securityGroupId) : { known: true as const, value: undefined };
    const tag = readMaybeUnknown(() => props.tags?.[LABELS.sourceRole]);
    const role = tag.known ? tag.value : undefined;
    const known = id.known && typeof id.value === "string" ? id.value : undefined;
    if (id.known && (id.value === null || id.value === undefined)) {
      // no SG source
    } else if (!tag.known) {
      report(cannotVerify(`tags["${LABELS.sourceRole}"] (the source SG's role decides which port-table rows apply)`));
    } else if ((known !== undefined && own.known && known === own.value) || role === "self") {
      sources.push({ kind: "self", field });
    } else if ((!id.known || !own.known) && isRole(role) && role === targetRoleTag) {
      // An id unknown at preview and the source role equals the target role: a self-reference
      // the update-time run confirms by comparing ids. Deferred, never silently passed.
      report(cannotVerify(`${field} (taken as a self-reference because ${LABELS.sourceRole} equals ${LABELS.sgRole}; ids compared during update)`));
      sources.push({ kind: "self", field });
    } else if (!isRole(role) && (!id.known || !own.known)) {
      // Untagged source: only its id can tell a self rule or a trusted SG, and an id is still unknown.
      report(cannotVerify(id.known ? "securityGroupId (compared with referencedSecurityGroupId to tell a self rule)" : field));
    } else {
      sources.push({ kind: "sg", id: known, role: isRole(role) ? role : undefined, field });
    }
  }
  if ("prefixListId" in props) {
    const id = read(() => props.prefixListId, "prefixListId");
    if (typeof id === "string" || id === undefined) sources.push({ kind: "prefixList", id, field: "prefixListId" });
  }
  return [{ protocol, rawProtocol: String(raw), fromPort, toPort, sources, protocolField: "ipProtocol", at: "" }];
}

/**
 * Normalise one resource of any of the three forms. Unknown fields (preview) are reported as advisory
 * `cannotVerify` findings through `report` and the affected rule or source is left out (never a silent pass).
 */
export function ingressView(resource: ResourceUnderTest, config: PackConfig, report: Report): IngressView {
  return ruleView(resource, config, report, "ingress");
}

/**
 * The egress of one resource (inline `egress`, `ec2.SecurityGroupRule` with `type: "egress"`,
 * `vpc.SecurityGroupEgressRule`) in the same normal form: each rule's `sources` are its destinations.
 */
export function egressView(resource: ResourceUnderTest, config: PackConfig, report: Report): IngressView {
  return ruleView(resource, config, report, "egress");
}

function ruleView(resource: ResourceUnderTest, config: PackConfig, report: Report, direction: Direction): IngressView {
  const read = unknownReader(report);
  const props = resource.props ?? {};
  const standalone = direction === "ingress" ? SG_TYPES.ingressRule : SG_TYPES.egressRule;
  const role = targetRole(resource, config, report);
  if (role === undefined) return { role: "infrastructure", rules: [] };
  switch (resource.type) {
    case SG_TYPES.securityGroup:
      return { role, rules: inlineRules(props, read, direction) };
    case SG_TYPES.securityGroupRule:
      return { role, rules: securityGroupRule(props, read, report, resolvedGroups(resource), direction) };
    case standalone:
      return { role, rules: vpcIngressRule(props, read, report, role) };
    default:
      return { role, rules: [] };
  }
}

/** The port-table source kinds a source counts as (e.g. a CIDR inside `trustedCidrs` is `trusted-cidrs`). */
export function sourceKinds(source: IngressSource, config: PackConfig): Set<PortSource> {
  const kinds = new Set<PortSource>();
  switch (source.kind) {
    case "self":
      kinds.add("self");
      break;
    case "cidr":
      if (isWorld(source.cidr) || !parseCidr(source.cidr)) break;
      if (withinAny(source.cidr, config.trustedCidrs)) kinds.add("trusted-cidrs");
      if (isPrivate(source.cidr)) kinds.add("vpc-cidr");
      break;
    case "sg":
      if (source.role && source.role !== "endpoint") kinds.add(source.role);
      if (source.id && config.trustedSecurityGroupIds.includes(source.id)) kinds.add("trusted-sgs");
      if (source.id && config.lbSecurityGroupIds.includes(source.id)) kinds.add("lb");
      break;
    case "prefixList":
      break;
  }
  return kinds;
}

/** Rows for `config.controlPlane` plus the justified `extraPorts` rows (any in-cluster or trusted source). */
export function tableRows(config: PackConfig): PortRow[] {
  const extras: PortRow[] = config.extraPorts.map((e) => ({
    id: `extra:${e.name}`,
    protocols: [e.protocol],
    fromPort: e.fromPort,
    toPort: e.toPort,
    purpose: e.justification,
    scope: "both",
    sources: ["self", "node", "cluster", "control-plane", "pods", "lb", "trusted-sgs", "trusted-cidrs"],
    targets: ["node", "cluster", "control-plane", "pods"],
  }));
  // Row lb-targets is an envelope: only the declared target ports (config.lbTargetPorts) are documented traffic.
  const rows = rowsFor(config.controlPlane).flatMap((row) => (row.id === LB_TARGETS_ROW_ID ? config.lbTargetPorts.map((port) => ({ ...row, fromPort: port, toPort: port })) : [row]));
  return [...rows, ...extras];
}

/** True when the rule's protocol and port range lie wholly inside the row. */
export function withinRow(rule: IngressRule, row: PortRow): boolean {
  if (!rule.protocol) return false;
  if (row.protocols.includes("all")) return true;
  if (rule.protocol === "all" || !row.protocols.includes(rule.protocol)) return false;
  if (rule.protocol === "icmp") return row.fromPort === -1 || (rule.fromPort === row.fromPort && rule.toPort === row.toPort);
  return rule.fromPort >= row.fromPort && rule.toPort <= row.toPort;
}

/** True when the rule's traffic includes any of TCP/UDP ports `from`-`to`. */
export function overlapsPorts(rule: IngressRule, from: number, to: number): boolean {
  if (rule.protocol === "all") return true;
  if (rule.protocol !== "tcp" && rule.protocol !== "udp") return false;
  return rule.fromPort <= to && rule.toPort >= from;
}

/** Does an `lb` SG accept this source on this rule (listener ports from trusted CIDRs, or the world allowlist)? */
export function lbPermits(rule: IngressRule, source: IngressSource, config: PackConfig): boolean {
  if (source.kind === "cidr" && isWorld(source.cidr)) return publicAllowlisted(rule, config);
  const listener = rule.protocol === "tcp" && rule.fromPort === rule.toPort && config.lbListenerPorts.includes(rule.fromPort);
  return listener && sourceKinds(source, config).has("trusted-cidrs");
}

/** True when the rule matches one entry of `publicIngressAllowlist` (single port, same protocol). */
export function publicAllowlisted(rule: IngressRule, config: PackConfig): boolean {
  return config.publicIngressAllowlist.some((e) => rule.protocol === e.protocol && rule.fromPort === e.port && rule.toPort === e.port);
}

/** The port-table row that permits `source` on `rule` for an SG of `role`, if any. */
export function permittingRow(rule: IngressRule, source: IngressSource, role: TargetRole, config: PackConfig): PortRow | undefined {
  if (role === "lb" || role === "infrastructure") {
    if (role === "lb") return undefined;
    // Untagged SGs get only the self-only all-traffic row.
    return source.kind === "self" ? tableRows(config).find((r) => r.id === "intra") : undefined;
  }
  const kinds = sourceKinds(source, config);
  return tableRows(config).find((row) => row.targets.includes(role) && withinRow(rule, row) && row.sources.some((s) => kinds.has(s)));
}

/** True when an all-traffic rule's source is legitimate (the `intra` or `pods` row). */
export function allTrafficPermitted(rule: IngressRule, source: IngressSource, role: TargetRole, config: PackConfig): boolean {
  if (rule.protocol !== "all") return false;
  const row = permittingRow(rule, source, role, config);
  return row !== undefined && row.protocols.includes("all");
}

/** Human text for a source, naming its field. */
export function describeSource(source: IngressSource): string {
  switch (source.kind) {
    case "cidr":
      return `${source.field} = ${source.cidr}`;
    case "self":
      return `${source.field} (self)`;
    case "sg":
      return `${source.field} = ${source.id ?? "<unknown at preview>"}${source.role ? ` (role ${source.role})` : ""}`;
    case "prefixList":
      return `${source.field} = ${source.id ?? "<unknown at preview>"}`;
  }
}

/** How to make a source SG's role known, for the form of rule that names it (its field). */
export function sourceRoleFix(source: IngressSource): string {
  const roles = "<node|cluster|control-plane|lb|pods>";
  if (source.field.endsWith("sourceSecurityGroupId")) {
    // aws.ec2.SecurityGroupRule has no tags: the role is read from the source group itself (SG-009).
    return `tag the source security group (the group whose id is sourceSecurityGroupId) with ${LABELS.sgRole}=${roles} in this stack`;
  }
  if (source.field === "referencedSecurityGroupId") return `tag this rule with ${LABELS.sourceRole}=${roles} (or self)`;
  return `move the rule to aws.vpc.SecurityGroupIngressRule with tag ${LABELS.sourceRole}=${roles}`;
}

/** Extra sentence when an SG source's role is unknown: which tag or config key would make it known. */
export function roleHint(source: IngressSource): string {
  if (source.kind !== "sg" || source.role) return "";
  return `. The source SG's role is unknown: ${sourceRoleFix(source)}, or list the id in config trustedSecurityGroupIds / lbSecurityGroupIds.`;
}

/** Human text for the rule's traffic, e.g. `tcp 30000-32767` or `all traffic`. */
export function describeTraffic(rule: IngressRule): string {
  if (rule.protocol === "all") return `all traffic (${rule.protocolField} = "${rule.rawProtocol}")`;
  const range = rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  return `${rule.protocol ?? `protocol ${rule.rawProtocol}`} ${range}`;
}

/** Human text for the protected SG's role. */
export function describeRole(role: TargetRole): string {
  return role === "infrastructure" ? `an SG without a ${LABELS.sgRole} tag (infrastructure: self traffic only)` : `an SG with role ${role}`;
}

/** The fix that gives an untagged (infrastructure) protected SG its role, for the form of the judged resource. */
export function targetRoleFix(type: string): string {
  const roles = "<node|cluster|pods|lb|control-plane>";
  if (type === SG_TYPES.securityGroupRule) {
    return `Tag the security group this rule belongs to (the group whose id is securityGroupId, in this stack) with ${LABELS.sgRole}=${roles}; for a load-balancer group owned elsewhere list its id in config lbSecurityGroupIds.`;
  }
  return `Tag the security group with ${LABELS.sgRole}=${roles} (an aws.vpc.SecurityGroupIngressRule carries the same tag) so its port-table rows apply.`;
}
