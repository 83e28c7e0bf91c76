import { isDigestPinned, parseImage } from "../../core/images";
import { resourceRule } from "../../core/rule";
import { WORKLOAD_TYPES } from "../../core/workloads";
import { imageFields } from "./containers";

/** IMG-003: images are pinned by sha256 digest. */
export const img003 = resourceRule({
  id: "IMG-003",
  name: "image-digest-pinned",
  description: "Container images are pinned by @sha256:<64 hex> digest.",
  enforcementLevel: "advisory",
  severity: "low",
  groups: ["images"],
  seed: ["S1 §5.13"],
  remediation: "Append the digest to containers[*].image, e.g. app:1.4.2@sha256:<64 hex characters>.",
  resourceTypes: WORKLOAD_TYPES,
  check(resource, report) {
    for (const { field, image } of imageFields(resource, report) ?? []) {
      if (isDigestPinned(parseImage(image))) continue;
      report({ message: `${field} "${image}" is not pinned by @sha256 digest`, remediation: `Set ${field} to "${image}@sha256:<digest>".` });
    }
  },
});
