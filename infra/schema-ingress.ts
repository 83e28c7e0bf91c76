/**
 * Config of the shared ingress (issue 20.4): `hardened-cluster:ingress` of the AWS stack (controller, target
 * ports, whether internet-facing is allowed at all) and the tenants' declarations, which live where the tenants
 * live (the AWS stack in the same-stack layout, the in-cluster stack in the split layout). Every error names the
 * config path and the fix; the cross-checks run before any resource is registered.
 */
import { z } from "zod";
import { MIN_JUSTIFICATION_LENGTH } from "../policy-pack/core/exemptions";

const justification = z.string().trim().min(MIN_JUSTIFICATION_LENGTH, `write a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters saying why`);
const port = z.number({ invalid_type_error: "must be a port number 1-65535" }).int("must be a whole port number").min(1, "must be a port 1-65535").max(65535, "must be a port 1-65535");
const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** The add-on port entry the controller needs (its webhook server, chart `webhookBindPort` default). */
export const LBC_ADDON_PORT = { name: "aws-load-balancer-controller", port: 9443 } as const;

/** One tenant's declared way in: the ports its Ingress backends listen on and the scheme of its load balancers. */
export const tenantIngressSchema = z
  .object({
    /** Name of a tenant of the same stack config (`hardened-cluster:tenants[*].name`). */
    tenant: z.string({ required_error: "set tenant to the name of a configured tenant" }),
    /** Pod ports the tenant's load balancers forward to (each must be one of the AWS stack's `ingress.targetPorts`). */
    ports: z.array(port).min(1, "declare at least one port the tenant's backends listen on"),
    /** `internal` (default) or `internet-facing` (needs `justification` and the AWS stack's `ingress.internetFacing`). */
    scheme: z.enum(["internal", "internet-facing"]).default("internal"),
    /** Why the tenant's load balancers face the internet (required with `scheme: internet-facing`). */
    justification: justification.optional(),
  })
  .strict();

/** The tenants' declarations (`ingress.tenants`). */
export const tenantIngressListSchema = z.array(tenantIngressSchema).default([]);

/** `hardened-cluster:ingress` of the AWS (platform) stack. */
export const ingressConfigSchema = z
  .object({
    /** Install the AWS Load Balancer Controller (AWS identity here; objects where the in-cluster layer runs). Default false. */
    enabled: z.boolean().default(false),
    /** Controller replicas (leader election keeps one active). Default 2. */
    replicas: z.number().int().min(1).max(5).default(2),
    /**
     * Pod ports the load balancers may reach on the pod security group (port-table row `lb-targets`): the union of
     * what tenants may declare. Default none.
     */
    targetPorts: z.array(port).default([]),
    /** Extra private client CIDRs of internal load balancers (e.g. the office VPN); the VPC CIDR is always allowed. */
    clientCidrs: z.array(z.string().regex(IPV4_CIDR, "use a CIDR such as 10.200.0.0/16")).default([]),
    /** Allow tenants to declare `scheme: internet-facing` at all (off unless justified; needs public subnets). */
    internetFacing: z.object({ justification }).strict().optional(),
    /** Same-stack layout only: the tenants' declarations (split layout: the in-cluster stack's `ingress.tenants`). */
    tenants: tenantIngressListSchema,
  })
  .strict()
  .default({});

/** `hardened-cluster:ingress` of the in-cluster stack: only the tenants' declarations. */
export const inClusterIngressConfigSchema = z.object({ tenants: tenantIngressListSchema }).strict().default({});

/** The validated ingress config of the AWS stack. */
export type IngressConfig = z.output<typeof ingressConfigSchema>;
/** One validated tenant ingress declaration. */
export type TenantIngressConfig = z.output<typeof tenantIngressSchema>;

/** What the tenants' declarations are checked against (from this stack's config, or the AWS stack's `ingress` output). */
export interface IngressAllowance {
  readonly enabled: boolean;
  readonly targetPorts: readonly number[];
  readonly internetFacingAllowed: boolean;
  readonly privateOnly: boolean;
}

/** One problem with the tenants' declarations: path under the stack config, message and fix. */
export interface IngressIssue {
  readonly path: (string | number)[];
  readonly message: string;
  readonly fix: string;
}

/**
 * Cross-check tenant declarations (`<root>.tenants[i]`) against the stack's tenants and the AWS stack's ingress:
 * unknown tenant, a tenant listed twice, ingress off, a port the pod SG does not open to load balancers,
 * internet-facing without justification / not allowed / without public subnets, or for a sensitive tenant.
 */
export function ingressIssues(
  declarations: readonly TenantIngressConfig[],
  tenants: readonly { readonly name: string; readonly tier: string }[],
  allowance: IngressAllowance,
  root: (string | number)[] = ["ingress"],
  awsStack?: string,
): IngressIssue[] {
  const out: IngressIssue[] = [];
  const where = awsStack ? ` of the AWS stack ${awsStack}` : "";
  const seen = new Set<string>();
  declarations.forEach((d, i) => {
    const at = (...rest: (string | number)[]) => [...root, "tenants", i, ...rest];
    const tenant = tenants.find((t) => t.name === d.tenant);
    if (!tenant) out.push({ path: at("tenant"), message: `unknown tenant "${d.tenant}"`, fix: `use one of the configured tenants (${tenants.map((t) => t.name).join(", ") || "none configured"}) or add it to hardened-cluster:tenants` });
    if (seen.has(d.tenant)) out.push({ path: at("tenant"), message: `tenant "${d.tenant}" is declared twice`, fix: "merge its ports into one entry" });
    seen.add(d.tenant);
    if (!allowance.enabled) out.push({ path: at(), message: "declares ingress but the load balancer controller is not installed", fix: `set hardened-cluster:ingress.enabled: true${where}, or remove the entry` });
    d.ports.forEach((p, j) => {
      // An out-of-range port is already named by the schema (1-65535); the target-port check would repeat it.
      if (Number.isInteger(p) && p >= 1 && p <= 65535 && !allowance.targetPorts.includes(p)) out.push({ path: at("ports", j), message: `port ${p} is not one of ingress.targetPorts [${allowance.targetPorts.join(", ")}]: the pod security group drops it from load balancers`, fix: `add ${p} to hardened-cluster:ingress.targetPorts${where}, or declare a listed port` });
    });
    if (d.scheme === "internet-facing") {
      if (!d.justification) out.push({ path: at("justification"), message: "is required with scheme internet-facing", fix: `say why the tenant must be reachable from the internet (at least ${MIN_JUSTIFICATION_LENGTH} characters), or use scheme internal` });
      if (!allowance.internetFacingAllowed) out.push({ path: at("scheme"), message: "internet-facing is not allowed by the AWS stack", fix: `set hardened-cluster:ingress.internetFacing.justification${where}, or use scheme internal` });
      if (allowance.privateOnly) out.push({ path: at("scheme"), message: "internet-facing needs public subnets, and the network is privateOnly", fix: "use scheme internal" });
      if (tenant?.tier === "sensitive") out.push({ path: at("scheme"), message: `tenant "${d.tenant}" is sensitive: its workloads are never exposed outside the cluster (SVC-001)`, fix: "use scheme internal" });
    }
  });
  return out;
}

/** The allowance the AWS stack's own config gives (also exported as part of its `ingress` output). */
export function ingressAllowanceOf(c: { readonly ingress: IngressConfig; readonly network: { readonly privateOnly: boolean } }): IngressAllowance {
  return { enabled: c.ingress.enabled, targetPorts: c.ingress.targetPorts, internetFacingAllowed: c.ingress.internetFacing !== undefined, privateOnly: c.network.privateOnly };
}

/** The AWS stack's ingress issues: its own tenants' declarations, and declarations it would ignore (split layout). */
export function platformIngressIssues(c: {
  readonly ingress: IngressConfig;
  readonly network: { readonly privateOnly: boolean };
  readonly tenants: readonly { readonly name: string; readonly tier: string }[];
  readonly deployer?: { readonly enabled?: boolean };
  readonly environment: string;
  readonly addonPorts: readonly { readonly name: string; readonly enabled: boolean; readonly port: number }[];
}): IngressIssue[] {
  // The API server must reach the controller's webhooks: the add-on port opens cluster SG -> pod SG 9443.
  const webhook = c.addonPorts.findIndex((a) => a.name === LBC_ADDON_PORT.name);
  if (c.ingress.enabled && (webhook < 0 || !c.addonPorts[webhook].enabled || c.addonPorts[webhook].port !== LBC_ADDON_PORT.port)) {
    return [
      {
        path: webhook < 0 ? ["addonPorts"] : ["addonPorts", webhook],
        message: `ingress.enabled installs the AWS Load Balancer Controller, whose admission webhooks the API server calls on ${LBC_ADDON_PORT.port}, but addonPorts has no enabled ${LBC_ADDON_PORT.name} entry on that port`,
        fix: `add {name: ${LBC_ADDON_PORT.name}, enabled: true, port: ${LBC_ADDON_PORT.port}, justification: ...} to hardened-cluster:addonPorts`,
      },
    ];
  }
  if (c.deployer?.enabled && c.ingress.tenants.length > 0) {
    return [{ path: ["ingress", "tenants"], message: "tenant ingress is declared by the in-cluster stack when the deployer is enabled (it creates the tenants), so this stack would ignore it", fix: `move the entries to hardened-cluster:ingress.tenants of infra/in-cluster/stacks/Pulumi.${c.environment}.yaml` }];
  }
  const issues = ingressIssues(c.ingress.tenants, c.tenants, ingressAllowanceOf(c));
  if (c.ingress.internetFacing && c.network.privateOnly) issues.push({ path: ["ingress", "internetFacing"], message: "internet-facing load balancers need public subnets, and the network is privateOnly", fix: "remove ingress.internetFacing" });
  return issues;
}
