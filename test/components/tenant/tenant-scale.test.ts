import type { RecordedResource } from "../../../engine/record";
import { expectFullNamespace, judge, mandatory, recordTenants, T, toStack } from "./support";

/**
 * Tenants at scale: N tenants with 3 namespaces each, recorded under mocks and judged by the pack. `npm test` runs
 * N = 6 (tenants 0 and 4 sensitive, the others standard); the 200-tenant run (about 145 s) moved out
 * of the suite: `TENANT_SCALE=200 npx jest test/components/tenant/tenant-scale` runs it, and `npm run bench`
 * (benchmark 1) records 10/100/300 tenants and sends them to the real pack.
 */
const TENANTS = Number(process.env.TENANT_SCALE ?? "6");
if (!Number.isInteger(TENANTS) || TENANTS < 2) throw new Error(`TENANT_SCALE must be an integer ≥ 2 (got ${process.env.TENANT_SCALE})`);
const NAMESPACES = TENANTS * 3;
const last = TENANTS - 1;

describe(`${TENANTS} tenants x 3 namespaces`, () => {
  let recorded: RecordedResource[];
  beforeAll(async () => {
    recorded = await recordTenants(TENANTS);
  }, 600_000);

  test("every namespace has the full set and resources grow only per namespace", () => {
    const namespaces = recorded.filter((r) => r.type === T.namespace);
    expect(namespaces).toHaveLength(NAMESPACES);
    const count = (type: string) => recorded.filter((r) => r.type === type).length;
    expect(count(T.networkPolicy)).toBe(3 * NAMESPACES);
    expect(count(T.quota)).toBe(NAMESPACES);
    expect(count(T.limitRange)).toBe(NAMESPACES);
    expect(count(T.role)).toBe(3 * NAMESPACES);
    expect(count(T.roleBinding)).toBe(3 * NAMESPACES);
    expect(count(T.saPatch)).toBe(NAMESPACES);
    expect(count(T.accessEntry)).toBe(NAMESPACES);
    // No security groups, cluster resources or cluster-scoped RBAC grow with tenants.
    const types = new Set(recorded.map((r) => r.type));
    expect([...types].sort()).toEqual(Object.values(T).sort());
    expectFullNamespace(recorded, `team-${last}-data`, `team-${last}`, last % 4 === 0 ? "sensitive" : "standard");
    expectFullNamespace(recorded, "team-0-app", "team-0", "sensitive");
  });

  test("the pack passes all of them", () => {
    expect(mandatory(judge(toStack(recorded)))).toEqual([]);
  }, 120_000);
});
