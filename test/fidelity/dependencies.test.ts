import { ECHO_PACK, previewFixture, type PreviewRun } from "./run";

// Issue 15.3: dependencies, property dependencies, parent and provider as the engine sends them.
const STACK = "urn:pulumi:dev::fidelity-deps";
const KEY = `${STACK}::fidelity:index:Logging$aws:kms/key:Key::logs-key`;
const GROUP = `${STACK}::fidelity:index:Logging$aws:cloudwatch/logGroup:LogGroup::logs-group`;
const TOPIC = `${STACK}::fidelity:index:Logging$aws:sns/topic:Topic::logs-topic`;
const ROLE = `${STACK}::aws:iam/role:Role::role`;
const COMPONENT = `${STACK}::fidelity:index:Logging::logs`;
const DEFAULT_AWS = `${STACK}::pulumi:providers:aws::default_7_48_0`;
const WEST = `${STACK}::pulumi:providers:aws::west`;

let run: PreviewRun;
beforeAll(async () => {
  run = await previewFixture("deps", ["--stack", "dev", "--policy-pack", ECHO_PACK]);
});

const resource = (urn: string) => run.json.resources.find((r: any) => r.urn === urn);
const echoed = (rule: string) => run.json.violations.filter((v: any) => v.rule === rule).map((v: any) => v.message as string);

describe("dependencies as the engine records and sends them", () => {
  it("--json carries dependsOn, propertyDependencies (non-empty only), parent and provider per resource", () => {
    expect(resource(GROUP)).toMatchObject({ dependsOn: [KEY], propertyDependencies: { kmsKeyId: [KEY] }, parent: COMPONENT, provider: DEFAULT_AWS });
    // explicit dependsOn on a resource without property dependencies
    expect(resource(TOPIC)).toMatchObject({ dependsOn: [GROUP], propertyDependencies: {}, provider: DEFAULT_AWS });
    // top-level resources are children of the root stack, as the engine registers them
    expect(resource(ROLE)).toMatchObject({ dependsOn: [], parent: `${STACK}::pulumi:pulumi:Stack::fidelity-deps-dev`, provider: WEST });
    expect(resource(COMPONENT)).toMatchObject({ provider: null, custom: false });
  });

  it("AnalyzeStack carries dependencies, property dependencies and parent to another pack", () => {
    const stack = echoed("echo-stack");
    expect(stack).toContainEqual(expect.stringContaining(`${GROUP} deps=[${KEY}] props=[kmsKeyId:${KEY}] parent=${COMPONENT}`));
    expect(stack).toContainEqual(expect.stringContaining(`${TOPIC} deps=[${GROUP}] props=[] parent=${COMPONENT}`));
  });

  it("Analyze carries the explicit provider with its inputs, or the engine's default provider configured from the stack", () => {
    const perResource = echoed("echo-resource");
    expect(perResource).toContainEqual(expect.stringContaining(`provider=${WEST}|{"region":"us-west-2"`));
    expect(perResource).toContainEqual(expect.stringContaining(`provider=${DEFAULT_AWS}|{"region":"eu-central-1","version":"7.48.0"} parent=${COMPONENT}`));
    expect(perResource).toContainEqual(expect.stringMatching(/ignoreChanges=tags$/));
  });

  it("another pack's own default enforcement level decides the exit code", () => {
    expect(run.json.violations.find((v: any) => v.rule === "no-protect")).toMatchObject({ level: "mandatory", urn: ROLE, message: "no-protect: protected" });
    expect(run.code).toBe(1);
  });
});
