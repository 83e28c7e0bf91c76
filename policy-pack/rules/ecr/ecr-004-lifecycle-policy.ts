import { has, quietGet, UNKNOWN } from "../../core/fields";
import { nativeStackRule } from "../../core/native";

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

/** ECR-004: every repository has a lifecycle policy so stale images are removed. */
export const ecr004 = nativeStackRule({
  id: "ECR-004",
  name: "ecr-lifecycle-policy",
  description: "Every ECR repository needs an aws.ecr.LifecyclePolicy that expires stale images.",
  enforcementLevel: "advisory",
  severity: "low",
  groups: ["ecr", "aws"],
  seed: ["S1 §5.13"],
  upstream: "@pulumi/aws ecr.LifecyclePolicy",
  remediation: "Add an aws.ecr.LifecyclePolicy with repository: repo.name that expires untagged images.",
  resourceTypes: [REPOSITORY, LIFECYCLE],
  check(resources, report) {
    const policies = resources.filter((r) => r.type === LIFECYCLE);
    for (const repo of resources) {
      if (repo.type !== REPOSITORY) continue;
      // aws-native:ecr:Repository carries its lifecycle policy inline (lifecyclePolicy.lifecyclePolicyText).
      if (has(repo.props, "lifecyclePolicy")) continue;
      const name = quietGet(repo.props, "name");
      const covered = policies.some((p) => {
        if ((p.propertyDependencies.repository ?? []).includes(repo.urn)) return true;
        const target = quietGet(p.props, "repository");
        return target !== UNKNOWN && name !== UNKNOWN && typeof name === "string" && target === name;
      });
      if (!covered) {
        report({ urn: repo.urn, message: `repository ${repo.name} has no aws.ecr.LifecyclePolicy whose repository refers to it; stale images accumulate` });
      }
    }
  },
});
