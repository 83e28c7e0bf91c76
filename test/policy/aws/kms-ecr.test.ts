import { resource } from "../../support/rules";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";

const KEY = "aws:kms/key:Key";
const REPO = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const key = (p: Record<string, unknown>) => resource(KEY, "k", p);
const goodRepo = { imageScanningConfiguration: { scanOnPush: true }, imageTagMutability: "IMMUTABLE", encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:eu-west-1:1:key/k" }] };
const repo = (p: Record<string, unknown> = {}, name = "app") => resource(REPO, name, { name, ...goodRepo, ...p });

const cases: RuleCase[] = [
  { title: "KMS-001 ✔ rotation on", rule: "KMS-001", target: key({ enableKeyRotation: true }), expect: null },
  { title: "KMS-001 ✘ rotation absent", rule: "KMS-001", target: key({}), expect: mandatory("enableKeyRotation") },
  { title: "KMS-001 ✘ rotation period too long", rule: "KMS-001", target: key({ enableKeyRotation: true, rotationPeriodInDays: 730 }), expect: mandatory("rotationPeriodInDays") },
  { title: "KMS-001 ✔ not applicable for asymmetric keys", rule: "KMS-001", target: key({ customerMasterKeySpec: "ECC_NIST_P256" }), expect: null },
  { title: "KMS-002 ✔ window absent", rule: "KMS-002", target: key({}), expect: null },
  { title: "KMS-002 ✘ window 7", rule: "KMS-002", target: key({ deletionWindowInDays: 7 }), expect: mandatory("deletionWindowInDays") },
  { title: "KMS-002 ✔ window 30", rule: "KMS-002", target: key({ deletionWindowInDays: 30 }), expect: null },
  { title: "KMS-003 ✔ absent", rule: "KMS-003", target: key({}), expect: null },
  { title: "KMS-003 ✘ bypass true", rule: "KMS-003", target: key({ bypassPolicyLockoutSafetyCheck: true }), expect: mandatory("bypassPolicyLockoutSafetyCheck") },
  { title: "ECR-001 ✔ scanOnPush true", rule: "ECR-001", target: repo(), expect: null },
  { title: "ECR-001 ✘ scanOnPush false", rule: "ECR-001", target: repo({ imageScanningConfiguration: { scanOnPush: false } }), expect: mandatory("imageScanningConfiguration.scanOnPush") },
  { title: "ECR-001 ✘ absent", rule: "ECR-001", target: repo({ imageScanningConfiguration: undefined }), expect: mandatory("scanOnPush") },
  { title: "ECR-002 ✔ IMMUTABLE", rule: "ECR-002", target: repo(), expect: null },
  { title: "ECR-002 ✘ absent (MUTABLE)", rule: "ECR-002", target: repo({ imageTagMutability: undefined }), expect: mandatory("imageTagMutability") },
  { title: "ECR-002 ✘ MUTABLE_WITH_EXCLUSION", rule: "ECR-002", target: repo({ imageTagMutability: "MUTABLE_WITH_EXCLUSION" }), config: { allowTagExclusions: true }, expect: mandatory("MUTABLE_WITH_EXCLUSION") },
  { title: "ECR-002 ✘ IMMUTABLE_WITH_EXCLUSION by default", rule: "ECR-002", target: repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }), expect: mandatory("allowTagExclusions") },
  { title: "ECR-002 ✔ IMMUTABLE_WITH_EXCLUSION when allowed", rule: "ECR-002", target: repo({ imageTagMutability: "IMMUTABLE_WITH_EXCLUSION" }), config: { allowTagExclusions: true }, expect: null },
  { title: "ECR-003 ✔ KMS with key", rule: "ECR-003", target: repo(), expect: null },
  { title: "ECR-003 ✘ absent (AES256)", rule: "ECR-003", target: repo({ encryptionConfigurations: undefined }), expect: mandatory("encryptionConfigurations") },
  { title: "ECR-003 ✘ AES256", rule: "ECR-003", target: repo({ encryptionConfigurations: [{ encryptionType: "AES256" }] }), config: { allowAwsManagedKey: true }, expect: mandatory("encryptionConfigurations[0].encryptionType") },
  { title: "ECR-003 ✘ KMS without key", rule: "ECR-003", target: repo({ encryptionConfigurations: [{ encryptionType: "KMS" }] }), expect: mandatory("encryptionConfigurations[0].kmsKey") },
  { title: "ECR-003 ✔ KMS without key when AWS-managed allowed", rule: "ECR-003", target: repo({ encryptionConfigurations: [{ encryptionType: "KMS" }] }), config: { allowAwsManagedKey: true }, expect: null },
  { title: "ECR-003 ✘ alias/aws/ecr", rule: "ECR-003", target: repo({ encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }] }), expect: mandatory("kmsKey") },
  { title: "ECR-004 ✘ no lifecycle policy", rule: "ECR-004", target: [repo()], expect: advisory("LifecyclePolicy") },
  {
    title: "ECR-004 ✔ policy joined by propertyDependencies",
    rule: "ECR-004",
    target: (() => {
      const r = repo();
      return [r, resource(LIFECYCLE, "lc", { repository: "unknown-name", policy: "{}" }, { propertyDependencies: { repository: [r.urn] } })];
    })(),
    expect: null,
  },
  { title: "ECR-004 ✔ policy joined by known name", rule: "ECR-004", target: [repo(), resource(LIFECYCLE, "lc", { repository: "app", policy: "{}" })], expect: null },
  { title: "ECR-004 ✘ policy for another repository", rule: "ECR-004", target: [repo(), resource(LIFECYCLE, "lc", { repository: "other", policy: "{}" })], expect: advisory("app") },
];

describe("KMS and ECR rules", () => {
  runCases(cases);
});
