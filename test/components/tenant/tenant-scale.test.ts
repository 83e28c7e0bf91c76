import type { RecordedResource } from "../../../engine/record";
import { expectFullNamespace, judge, mandatory, recordTenants, T, toStack } from "./support";

/** The scale case: 200 tenants with 3 namespaces each, recorded under mocks and judged by the pack. */
describe("200 tenants x 3 namespaces", () => {
  let recorded: RecordedResource[];
  beforeAll(async () => {
    recorded = await recordTenants(200);
  }, 600_000);

  test("every namespace has the full set and resources grow only per namespace", () => {
    const namespaces = recorded.filter((r) => r.type === T.namespace);
    expect(namespaces).toHaveLength(600);
    const count = (type: string) => recorded.filter((r) => r.type === type).length;
    expect(count(T.networkPolicy)).toBe(1800);
    expect(count(T.quota)).toBe(600);
    expect(count(T.limitRange)).toBe(600);
    expect(count(T.role)).toBe(1800);
    expect(count(T.roleBinding)).toBe(1800);
    expect(count(T.saPatch)).toBe(600);
    expect(count(T.accessEntry)).toBe(600);
    // No security groups, cluster resources or cluster-scoped RBAC grow with tenants.
    const types = new Set(recorded.map((r) => r.type));
    expect([...types].sort()).toEqual(Object.values(T).sort());
    expectFullNamespace(recorded, "team-199-data", "team-199", "standard");
    expectFullNamespace(recorded, "team-0-app", "team-0", "sensitive");
  });

  test("the pack passes all of them", () => {
    expect(mandatory(judge(toStack(recorded)))).toEqual([]);
  }, 120_000);
});
