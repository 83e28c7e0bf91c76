import { RESTRICTED_ALLOWED_VOLUME_TYPES } from "../../baseline/pss";
import { arr, definePssRule, isSet, obj, specField } from "../../core/pss-check";
import { checkHostPathVolumes } from "./pss-b05-host-path";

/**
 * PSS-R01: inline volumes limited to configMap, csi, downwardAPI, emptyDir, ephemeral, image,
 * persistentVolumeClaim, projected, secret. Replaces PSS-B05 under the restricted profile (hostPath is
 * forbidden here too) and runs B05's logic in baseline-only namespaces. A volume with only a `name` is
 * defaulted to emptyDir by the API server, so it passes.
 */
export const pssR01RestrictedVolumes = definePssRule({
  id: "PSS-R01",
  name: "pss-restricted-volumes",
  description: `Volumes must be one of ${RESTRICTED_ALLOWED_VOLUME_TYPES.join(", ")} (hostPath, nfs, awsElasticBlockStore and every other type are forbidden).`,
  severity: "high",
  remediation: `Replace every other volume source with one of ${RESTRICTED_ALLOWED_VOLUME_TYPES.join(", ")} (e.g. a persistentVolumeClaim).`,
  check(ctx, report) {
    arr(ctx.view.spec.volumes).forEach((volume, i) => {
      const v = obj(volume);
      const bad = Object.keys(v).filter((k) => k !== "name" && isSet(v[k]) && !RESTRICTED_ALLOWED_VOLUME_TYPES.includes(k));
      for (const type of bad) {
        const path = specField(ctx, `volumes[${i}].${type}`);
        report({
          message: `${path} is set${v.name ? ` (volume "${v.name}")` : ""}: volume type ${type} is not allowed by the restricted profile`,
          remediation: `Remove ${path} and use one of ${RESTRICTED_ALLOWED_VOLUME_TYPES.join(", ")} (e.g. persistentVolumeClaim).`,
        });
      }
    });
  },
  fallback: checkHostPathVolumes,
});
