import { parseImage, registryAllowed } from "../../core/images";
import { resourceRule } from "../../core/rule";
import { WORKLOAD_TYPES } from "../../core/workloads";
import { imageFields } from "./containers";

/** IMG-001: images come from an allowed registry (config `allowedRegistries`). */
export const img001 = resourceRule({
  id: "IMG-001",
  name: "image-registry-allowed",
  description: "Container images come from a registry matching config allowedRegistries (default: ECR).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["images"],
  seed: ["S1 §5.2", "S1 §5.13", "S3"],
  upstream: "distribution/reference grammar (first component with . or : or localhost is a registry, else docker.io)",
  remediation: "Push the image to the ECR repository and set containers[*].image to <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<version>.",
  resourceTypes: WORKLOAD_TYPES,
  check(resource, report, config) {
    for (const { field, image } of imageFields(resource, report) ?? []) {
      const ref = parseImage(image);
      if (registryAllowed(ref, config.allowedRegistries)) continue;
      report({
        message: `${field} "${image}" is from registry "${ref.registry}", which matches none of allowedRegistries ${JSON.stringify(config.allowedRegistries)}`,
        remediation: `Set ${field} to an image in an allowed registry (e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com/${ref.repository.replace(/^library\//, "")}:<version>).`,
      });
    }
  },
});
