import { globToRegExp, isDigestPinned, isLatest, parseImage, registryAllowed } from "../../../policy-pack/core/images";
import { violationsOf } from "../../support/rules";
import { T, deployment, expectViolations, inNs } from "./fixtures";

const ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
const DIGEST = `sha256:${"a".repeat(64)}`;

describe("core/images parseImage", () => {
  it.each([
    ["nginx:1.27", { registry: "docker.io", repository: "library/nginx", tag: "1.27" }],
    ["nginx", { registry: "docker.io", repository: "library/nginx" }],
    ["bitnami/redis:7", { registry: "docker.io", repository: "bitnami/redis", tag: "7" }],
    ["localhost:5000/x", { registry: "localhost:5000", repository: "x" }],
    ["localhost/x:1", { registry: "localhost", repository: "x", tag: "1" }],
    [`${ECR}/app:1.4.2`, { registry: ECR, repository: "app", tag: "1.4.2" }],
    [`${ECR}/team/app@${DIGEST}`, { registry: ECR, repository: "team/app", digest: DIGEST }],
    [`ghcr.io/org/app:1.0@${DIGEST}`, { registry: "ghcr.io", repository: "org/app", tag: "1.0", digest: DIGEST }],
  ])("parses %s", (ref, expected) => {
    expect(parseImage(ref)).toEqual({ original: ref, ...expected });
  });
  it("detects latest and digests", () => {
    expect(isLatest(parseImage("app"))).toBe(true);
    expect(isLatest(parseImage("app:latest"))).toBe(true);
    expect(isLatest(parseImage(`app@${DIGEST}`))).toBe(false);
    expect(isDigestPinned(parseImage(`app@${DIGEST}`))).toBe(true);
    expect(isDigestPinned(parseImage("app@sha256:abc"))).toBe(false);
  });
  it("globs * as one or more non-slash characters", () => {
    const re = globToRegExp("*.dkr.ecr.*.amazonaws.com");
    expect(re.test(ECR)).toBe(true);
    expect(re.test(".dkr.ecr.x.amazonaws.com")).toBe(false);
    expect(re.test("docker.io")).toBe(false);
    expect(registryAllowed(parseImage("ghcr.io/my-org/app:1"), ["ghcr.io/my-org/*"])).toBe(true);
    expect(registryAllowed(parseImage("ghcr.io/other/app:1"), ["ghcr.io/my-org/*"])).toBe(false);
  });
});

const withImages = (containers: string[], init: string[] = []) =>
  deployment("w", "team-a", { containers: containers.map((image, i) => ({ name: `c${i}`, image })), initContainers: init.map((image, i) => ({ name: `i${i}`, image })) });

describe("IMG-001 image-registry-allowed", () => {
  it.each([
    ["docker hub", withImages(["nginx:1.27"]), "spec.template.spec.containers[0].image"],
    ["init container from localhost", withImages([`${ECR}/app:1`], ["localhost:5000/x:1"]), "spec.template.spec.initContainers[0].image"],
    ["cronjob", inNs(T.cronJob, "cj", "team-a", { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "c", image: "quay.io/x:1" }] } } } } } }), "spec.jobTemplate.spec.template.spec.containers[0].image"],
  ])("flags %s", (_l, w, field) => expectViolations(violationsOf("IMG-001", w), "IMG-001", "mandatory", field));
  it.each([
    ["ECR", withImages([`${ECR}/app:1.4.2`]), {}],
    ["configured registry", withImages(["registry.internal.example.com/app:1"]), { allowedRegistries: ["registry.internal.example.com"] }],
    ["patch without images", inNs(T.deploymentPatch, "w", "team-a", { spec: { replicas: 2 } }), {}],
  ])("passes %s", (_l, w, config) => expect(violationsOf("IMG-001", w, config)).toEqual([]));
});

describe("IMG-002 image-no-latest", () => {
  it.each([
    ["no tag", withImages([`${ECR}/app`])],
    ["latest", withImages([`${ECR}/app:latest`])],
    ["registry port but no tag", withImages(["localhost:5000/x"])],
  ])("flags %s", (_l, w) => expectViolations(violationsOf("IMG-002", w), "IMG-002", "mandatory", "containers[0].image"));
  it.each([
    ["version tag", withImages([`${ECR}/app:1.4.2`])],
    ["digest only", withImages([`${ECR}/app@${DIGEST}`])],
  ])("passes %s", (_l, w) => expect(violationsOf("IMG-002", w)).toEqual([]));
});

describe("IMG-003 image-digest-pinned", () => {
  it("flags tag only", () => expectViolations(violationsOf("IMG-003", withImages([`${ECR}/app:1.4.2`])), "IMG-003", "advisory", "containers[0].image"));
  it("passes digest", () => expect(violationsOf("IMG-003", withImages([`${ECR}/app:1.4.2@${DIGEST}`]))).toEqual([]));
});
