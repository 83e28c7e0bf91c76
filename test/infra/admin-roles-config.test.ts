/**
 * hardened-cluster:adminRoles cross-key checks: each error names the config path and the fix, before anything
 * registers (parsePlatformConfig is what the program runs first).
 */
import { parsePlatformConfig } from "../../infra/config";
import { loadStackConfig } from "./stack-config";

const USER = "arn:aws:iam::111111111111:user/platform-dev-oncall";
const role = (name: string, trusted: string[] = [USER]) => ({ name, trustedPrincipalArns: trusted, justification: "Platform engineers administer the dev cluster." });

function errorOf(patch: Record<string, unknown>): string {
  const raw = { ...loadStackConfig("dev"), ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [`hardened-cluster:${k}`, JSON.stringify(v)])) };
  try {
    parsePlatformConfig(raw);
    return "";
  } catch (e) {
    return String(e);
  }
}

describe("hardened-cluster:adminRoles", () => {
  test("the dev stack's block parses with its defaults", () => {
    const config = parsePlatformConfig(loadStackConfig("dev"));
    expect(config.adminRoles).toEqual({ maxMfaAgeSeconds: 3600, maxSessionDurationSeconds: 3600, roles: [role("platform")].map((r) => ({ ...r, justification: expect.any(String) })) });
  });

  test.each([
    ["duplicate name", { adminRoles: { roles: [role("ops"), role("ops")] } }, /hardened-cluster:adminRoles\.roles\[1\]\.name: ops is listed twice\. Fix: give every admin role a unique name/],
    ["trusts another admin role", { adminRoles: { roles: [role("ops"), role("sre", ["arn:aws:iam::111111111111:role/hc-dev-admin-ops"])] } }, /adminRoles\.roles\[1\]\.trustedPrincipalArns\[0\]: .* is itself a platform admin role.*Fix: trust the IAM users/],
    ["also an external admin", { adminRoles: { roles: [role("ops")] }, admins: [{ name: "ops", roleArn: "arn:aws:iam::111111111111:role/hc-dev-admin-ops", justification: "Listed twice by mistake here." }] }, /adminRoles\.roles\[0\]\.name: .* also listed in hardened-cluster:admins/],
    ["name too long for the IAM role name", { adminRoles: { roles: [role("a-very-long-admin-role-name")] } }, /hardened-cluster:adminRoles\.roles\[0\]\.name: must start with a lower-case letter and use at most 18/],
    ["session of 30 minutes", { adminRoles: { maxSessionDurationSeconds: 1800, roles: [role("ops")] } }, /hardened-cluster:adminRoles\.maxSessionDurationSeconds: 1800 is outside 3600-43200 seconds.*Fix: use a value from 3600 to 43200/],
    ["MFA age of one minute", { adminRoles: { maxMfaAgeSeconds: 60, roles: [role("ops")] } }, /hardened-cluster:adminRoles\.maxMfaAgeSeconds: 60 is outside 300-43200/],
    ["unknown key", { adminRoles: { mfa: true, roles: [] } }, /hardened-cluster:adminRoles: .*mfa/],
  ] as const)("%s is rejected naming the path and the fix", (_title, patch, message) => {
    expect(errorOf(patch)).toMatch(message);
  });

  test("a tenant role that is also a platform admin role is rejected (one access entry per principal)", () => {
    const raw = loadStackConfig("dev");
    const tenants = JSON.parse(raw["hardened-cluster:tenants"]);
    tenants[0].roles.admin = ["arn:aws:iam::111111111111:role/hc-dev-admin-platform"];
    expect(errorOf({ tenants })).toMatch(/hardened-cluster:tenants\[0\]\.roles\.admin\[0\]: .* is a platform admin role/);
  });
});
