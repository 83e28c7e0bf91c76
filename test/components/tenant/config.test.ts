import { parseTenantConfig, parseTenantsConfig, tenantConfigSchema, type TenantConfigInput } from "../../../components/tenant/config";

const ARN = (name: string, account = "123456789012") => `arn:aws:iam::${account}:role/${name}`;
const JUSTIFIED = "payment provider API, contract PAY-123, reviewed by security";

const good: TenantConfigInput = { name: "team-a", namespaces: ["team-a", "team-a-jobs"], pssVersion: "v1.33" };

describe("tenant config schema", () => {
  test("defaults: standard tier, small quota, no egress, no principals", () => {
    const t = parseTenantConfig(good);
    expect(t).toMatchObject({ tier: "standard", size: "small", egress: [], quota: {}, roles: { admin: [], developer: [], viewer: [] } });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["upper-case name", { name: "Team_A" }, /tenant\.name: .*DNS-1123/],
    ["name reserved for EKS groups", { name: "system" }, /tenant\.name: name is reserved/],
    ["no namespaces", { namespaces: [] }, /tenant\.namespaces: list at least one namespace/],
    ["reserved namespace", { namespaces: ["kube-system"] }, /tenant\.namespaces\[0\]: .*reserved/],
    ["default namespace", { namespaces: ["ok", "default"] }, /tenant\.namespaces\[1\]: .*reserved/],
    ["kube- prefix", { namespaces: ["kube-team"] }, /tenant\.namespaces\[0\]: .*reserved/],
    ["bad namespace name", { namespaces: ["team.a"] }, /tenant\.namespaces\[0\]: .*DNS-1123/],
    ["duplicate namespace", { namespaces: ["a", "b", "a"] }, /tenant\.namespaces\[2\]: namespace "a" is listed twice/],
    ["tier typo", { tier: "prod" }, /tenant\.tier: /],
    ["pssVersion latest", { pssVersion: "latest" }, /tenant\.pssVersion: pin pssVersion/],
    ["pssVersion missing", { pssVersion: undefined }, /tenant\.pssVersion: set pssVersion/],
    ["bad quota quantity", { quota: { "requests.cpu": "lots" } }, /tenant\.quota\.requests\.cpu: use a Kubernetes quantity/],
    ["nodeports without justification", { quota: { "services.nodeports": "2" } }, /tenant\.quotaJustification: .*services\.nodeports/],
    ["loadbalancers without justification", { quota: { "services.loadbalancers": "1" } }, /tenant\.quotaJustification: .*services\.loadbalancers/],
    ["PSA weakening without justification", { podSecurity: { level: "baseline" } }, /tenant\.podSecurity\.justification: write a justification/],
    ["PSA weakening with a short justification", { podSecurity: { level: "baseline", justification: "needed" } }, /tenant\.podSecurity\.justification: .*20 characters/],
    ["egress without justification", { egress: [{ cidr: "10.0.0.0/16", ports: [{ port: 443 }] }] }, /tenant\.egress\[0\]\.justification/],
    ["egress without ports", { egress: [{ cidr: "10.0.0.0/16", ports: [], justification: JUSTIFIED }] }, /tenant\.egress\[0\]\.ports: list at least one port/],
    ["egress bad cidr", { egress: [{ cidr: "10.0.0.0", ports: [{ port: 443 }], justification: JUSTIFIED }] }, /tenant\.egress\[0\]\.cidr: use a CIDR/],
    ["bad principal", { roles: { admin: ["team-a-admins"] } }, /tenant\.roles\.admin\[0\]: use an IAM role or user ARN/],
    ["principal in two roles", { roles: { admin: [ARN("x")], viewer: [ARN("x")] } }, /tenant\.roles\.viewer\[0\]: principal .* is already a tenant admin/],
    ["unknown role", { roles: { owner: [ARN("x")] } }, /tenant\.roles: unknown field\(s\) owner/],
    ["unknown field", { quotas: {} }, /tenant: unknown field\(s\) quotas/],
  ])("%s is rejected with the field named", (_name, patch, message) => {
    expect(() => parseTenantConfig({ ...good, ...patch })).toThrow(message);
  });

  test.each<[string, Record<string, unknown>]>([
    ["justified NodePort quota", { quota: { "services.nodeports": "2" }, quotaJustification: JUSTIFIED }],
    ["explicit zero nodeports", { quota: { "services.nodeports": "0" } }],
    ["justified baseline PSA", { podSecurity: { level: "baseline", justification: JUSTIFIED } }],
    ["justified egress with ports", { egress: [{ cidr: "10.20.0.0/16", ports: [{ port: 5432 }], justification: JUSTIFIED }] }],
    ["justified open egress", { egress: [{ cidr: "0.0.0.0/0", ports: [{ port: 443 }], justification: JUSTIFIED }] }],
    ["IPv6 egress", { egress: [{ cidr: "2001:db8::/32", ports: [{ port: 443, protocol: "TCP" }], justification: JUSTIFIED }] }],
    ["principals", { roles: { admin: [ARN("a")], developer: [ARN("d"), `arn:aws:iam::123456789012:user/dev`], viewer: [ARN("v")] } }],
  ])("%s is accepted", (_name, patch) => {
    expect(tenantConfigSchema.safeParse({ ...good, ...patch }).success).toBe(true);
  });

  test("tenants list: names, namespaces and principals unique across tenants", () => {
    const b = { name: "team-b", namespaces: ["team-b"], pssVersion: "v1.33", roles: { viewer: [ARN("shared")] } };
    expect(() => parseTenantsConfig([good, b])).not.toThrow();
    expect(() => parseTenantsConfig([good, { ...b, name: "team-a" }])).toThrow(/tenants\[1\]\.name: tenant name "team-a" is used twice/);
    expect(() => parseTenantsConfig([good, { ...b, namespaces: ["team-a-jobs"] }])).toThrow(
      /tenants\[1\]\.namespaces\[0\]: namespace "team-a-jobs" already belongs to tenant "team-a"/,
    );
    expect(() => parseTenantsConfig([{ ...good, roles: { admin: [ARN("shared")] } }, b])).toThrow(/tenants\[1\]\.roles\.viewer\[0\]: principal .* tenant "team-a"/);
    expect(() => parseTenantsConfig([good, { ...b, pssVersion: "1.33" }])).toThrow(/tenants\[1\]\.pssVersion/);
  });
});
