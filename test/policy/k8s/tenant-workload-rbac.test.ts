import { TENANT_ROLE_RULES, WORKLOAD_RESOURCES } from "../../../policy-pack/baseline/tenancy";
import { grants } from "../../../policy-pack/core/rbac";

const WORKLOAD_WRITE_VERBS = ["create", "update", "patch"];
const writesWorkloads = (role: keyof typeof TENANT_ROLE_RULES) =>
  WORKLOAD_RESOURCES.flatMap((w) => WORKLOAD_WRITE_VERBS.filter((verb) => TENANT_ROLE_RULES[role].some((r) => grants(r, w.group, w.resource, [verb]))).map((verb) => `${verb} ${w.group || "core"}/${w.resource}`));
const readsSecrets = (role: keyof typeof TENANT_ROLE_RULES) => TENANT_ROLE_RULES[role].some((r) => grants(r, "", "secrets", ["get"]));

describe("W2: only tenant roles that may read secrets can run workloads (RBAC Good Practices, workload creation)", () => {
  test("developers cannot create or change any pod-creating workload (which could mount any Secret)", () => {
    expect(writesWorkloads("developer")).toEqual([]);
    expect(readsSecrets("developer")).toBe(false);
  });

  test("viewers neither", () => {
    expect(writesWorkloads("viewer")).toEqual([]);
    expect(readsSecrets("viewer")).toBe(false);
  });

  test("admins deploy workloads and hold the secret access that implies", () => {
    expect(writesWorkloads("admin")).toEqual(expect.arrayContaining(["create apps/deployments", "create batch/jobs", "patch apps/statefulsets", "create batch/cronjobs"]));
    expect(readsSecrets("admin")).toBe(true);
  });

  test("every role that can write a workload can read secrets (no implicit-only secret access)", () => {
    for (const role of Object.keys(TENANT_ROLE_RULES) as (keyof typeof TENANT_ROLE_RULES)[]) {
      if (writesWorkloads(role).length > 0) expect([role, readsSecrets(role)]).toEqual([role, true]);
    }
  });

  test("developers keep day-2 operations: scale, restart pods, edit config, read logs", () => {
    const dev = TENANT_ROLE_RULES.developer;
    expect(dev.some((r) => grants(r, "apps", "deployments/scale", ["patch"]))).toBe(true);
    expect(dev.some((r) => grants(r, "", "pods", ["delete"]))).toBe(true);
    expect(dev.some((r) => grants(r, "", "configmaps", ["update"]))).toBe(true);
    expect(dev.some((r) => grants(r, "", "pods/log", ["get"]))).toBe(true);
  });
});
