import { isLatest, parseImage } from "../../core/images";
import { resourceRule } from "../../core/rule";
import { WORKLOAD_TYPES } from "../../core/workloads";
import { imageFields } from "./containers";

/** IMG-002: images name an immutable version, never `latest` (explicitly or by omission). */
export const img002 = resourceRule({
  id: "IMG-002",
  name: "image-no-latest",
  description: "Container images carry a version tag or digest; no tag or `latest` is not allowed.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["images"],
  seed: ["S1 §5.13"],
  remediation: "Set containers[*].image to an immutable version tag, e.g. app:1.4.2.",
  resourceTypes: WORKLOAD_TYPES,
  check(resource, report) {
    for (const { field, image } of imageFields(resource, report) ?? []) {
      const ref = parseImage(image);
      if (!isLatest(ref)) continue;
      report({
        message: `${field} "${image}" ${ref.tag === "latest" ? 'uses tag "latest"' : "has no tag or digest (implies latest)"}`,
        remediation: `Set ${field} to a version tag, e.g. "${image.replace(/:latest(@.*)?$/, "")}:1.4.2".`,
      });
    }
  },
});
