import { arr, definePssRule, obj, show, specField, type PssCheckFn } from "../../core/pss-check";

/** The baseline hostPath logic; PSS-R01 runs it where the restricted check does not (it overrides B05). */
export const checkHostPathVolumes: PssCheckFn = (ctx, report) => {
  arr(ctx.view.spec.volumes).forEach((volume, i) => {
    const hostPath = obj(volume).hostPath;
    if (hostPath === undefined || hostPath === null) return;
    const path = specField(ctx, `volumes[${i}].hostPath`);
    const name = obj(volume).name;
    report({
      message: `${path}.path=${show(obj(hostPath).path ?? "")}${name ? ` (volume "${name}")` : ""}: hostPath volumes expose the node's filesystem`,
      remediation: `Remove ${path}; use an emptyDir, configMap, secret, projected or persistentVolumeClaim volume instead.`,
    });
  });
};

/**
 * PSS-B05: hostPath volumes are forbidden.
 * Under the restricted profile PSS-R01 replaces this check (groups: `pss-baseline`, `pss` only).
 */
export const pssB05HostPath = definePssRule({
  id: "PSS-B05",
  name: "pss-host-path",
  description: "hostPath volumes are forbidden: volumes[*].hostPath must be absent.",
  severity: "critical",
  remediation: "Remove every volumes[*].hostPath; use emptyDir, configMap, secret, projected or persistentVolumeClaim volumes.",
  check: checkHostPathVolumes,
});
