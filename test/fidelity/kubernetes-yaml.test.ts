import { previewFixture } from "./run";

// Issue 16.2: Kubernetes YAML expanded offline as the provider would, so the pack judges every object.
const POD = "kubernetes:core/v1:Pod";

describe("Kubernetes YAML expanded offline", () => {
  it.each([
    ["v1", "v1 ConfigFile (kubernetes:yaml:decode answered from the text)", `kubernetes:yaml:ConfigFile$${POD}::team-a/privileged`],
    ["v1group", "v1 ConfigGroup with a glob: one ConfigFile per file, as the SDK does", `kubernetes:yaml:ConfigFile$${POD}::team-a/privileged`],
    ["v2", "v2 ConfigFile (remote component expanded like the provider)", `kubernetes:yaml/v2:ConfigFile$${POD}::app:team-a/privileged`],
    ["v2group", "v2 ConfigGroup with a glob", `kubernetes:yaml/v2:ConfigGroup$${POD}::app:team-a/privileged`],
  ])("a privileged pod in a %s fails PSS-B03 (%s)", async (stack, _what, urnTail) => {
    const run = await previewFixture("k8s-yaml", ["--stack", stack]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const pod = run.json.resources.find((r: any) => r.type === POD);
    expect(pod.urn).toBe(`urn:pulumi:${stack}::fidelity-k8s-yaml::${urnTail}`);
    expect(pod.parent).toMatch(/kubernetes:yaml(\/v2)?:Config(File|Group)::(app|\.\/manifests\/privileged-pod\.yaml)$/);
    expect(run.json.violations).toContainEqual(expect.objectContaining({ rule: "PSS-B03", level: "mandatory", urn: pod.urn }));
    expect(run.json.unverified).toEqual([]);
  });

  it("a compliant manifest through a v2 ConfigFile passes with its object judged (no UNVERIFIED)", async () => {
    const run = await previewFixture("k8s-yaml", ["--stack", "clean"]);
    expect(run.code).toBe(0);
    expect(run.json.resources.map((r: any) => r.type)).toEqual(["pulumi:pulumi:Stack", "kubernetes:yaml/v2:ConfigFile", "kubernetes:core/v1:ConfigMap"]);
    expect(run.json.resources[2].provider).toMatch(/pulumi:providers:kubernetes::default/);
  });
});
