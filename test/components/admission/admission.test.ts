import { recordResources, type RecordedResource } from "../../../engine/record";
import { AdmissionMirror, MIRRORED_RULES_ANNOTATION } from "../../../components/admission";
import { admissionParams, admissionPolicies } from "../../../components/admission/expressions";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { constructUnderMocks } from "../../support/rejects";

const VAP = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

describe("AdmissionMirror", () => {
  let recorded: RecordedResource[];
  beforeAll(async () => {
    recorded = await recordResources(() => new AdmissionMirror("mirror", { config: { allowedRegistries: ["registry.example.com"] } }));
  });

  test("one policy and one Deny binding per generated policy, bound to tenant namespaces", () => {
    const policies = recorded.filter((r) => r.type === VAP);
    const bindings = recorded.filter((r) => r.type === BINDING);
    const expected = admissionPolicies(admissionParams()).map((p) => `hardened-cluster-${p.suffix}`);
    expect(policies.map((p) => p.inputs.metadata.name).sort()).toEqual([...expected].sort());
    expect(bindings.map((b) => b.inputs.spec.policyName).sort()).toEqual([...expected].sort());
    for (const b of bindings) {
      expect(b.inputs.metadata.name).toBe(b.inputs.spec.policyName);
      expect(b.inputs.spec.validationActions).toEqual(["Deny"]);
      expect(b.inputs.spec.matchResources).toEqual({ namespaceSelector: { matchExpressions: [{ key: LABELS.tenant, operator: "Exists" }] } });
    }
  });

  test("policies fail closed, carry CEL from the shared data and name the rules they mirror", () => {
    for (const p of recorded.filter((r) => r.type === VAP)) {
      expect(p.inputs.spec.failurePolicy).toBe("Fail");
      expect(Array.isArray(p.inputs.spec.matchConstraints.resourceRules)).toBe(true);
      expect(p.inputs.spec.validations.length).toBeGreaterThan(0);
      expect(p.inputs.metadata.annotations[MIRRORED_RULES_ANNOTATION]).toMatch(/^[A-Z]+-[A-Z0-9]+(,[A-Z]+-[A-Z0-9]+)*$/);
    }
    const pods = recorded.find((r) => r.type === VAP && r.inputs.metadata.name === "hardened-cluster-tenant-pods")!;
    const cel = JSON.stringify(pods.inputs.spec.validations);
    expect(cel).toContain("registry\\\\\\\\.example\\\\\\\\.com");
    expect(cel).toContain(LABELS.pool);
    expect(cel).toContain(LABELS.tier);
  });

  test("every child is parented", () => {
    const component = recorded.find((r) => r.type === "hardened-cluster:admission:AdmissionMirror")!;
    for (const r of recorded.filter((x) => x !== component)) expect(r.parent).toBe(component.urn);
  });

  test("a bad name prefix throws before any resource registers", async () => {
    const { error, registered } = await constructUnderMocks(() => new AdmissionMirror("bad", { namePrefix: "Not_Valid" }));
    expect(String(error)).toMatch(/AdmissionMirror\(bad\)\.args\.namePrefix/);
    expect(registered).toEqual([]);
  });
});
