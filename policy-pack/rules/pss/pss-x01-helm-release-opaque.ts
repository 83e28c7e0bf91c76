import { MIN_JUSTIFICATION_LENGTH } from "../../core/exemptions";
import { resourceRule } from "../../core/rule";

/** The Helm v3 Release token (renders and applies manifests inside the provider). */
export const HELM_RELEASE_TYPE = "kubernetes:helm.sh/v3:Release";

/**
 * PSS-X01: a Helm v3 Release is opaque to the pack (no PSS/RBAC/SVC/IMG rule sees its objects), so it is
 * allowed only when its `name` or `chart` is in config `allowedReleases` with a justification.
 */
export const pssX01HelmReleaseOpaque = resourceRule({
  id: "PSS-X01",
  name: "helm-release-opaque",
  description: "Helm v3 Releases hide their objects from every rule: a Release must be listed (by name or chart) in config allowedReleases with a justification.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["helm"],
  seed: ["S1 §5.1"],
  upstream: "@pulumi/kubernetes helm.sh/v4 Chart docs (Pulumi Policies apply to each rendered resource)",
  remediation: "Use kubernetes:helm.sh/v4:Chart (each rendered object is registered and judged), or add the release to allowedReleases with a justification.",
  resourceTypes: [HELM_RELEASE_TYPE],
  check(resource, report, config) {
    const props = resource.props ?? {};
    const candidates = [props.name, props.chart].filter((v): v is string => typeof v === "string" && v !== "");
    const allowance = config.allowedReleases.find((a) => candidates.includes(a.name));
    const label = `Release name=${JSON.stringify(props.name ?? resource.name)} chart=${JSON.stringify(props.chart ?? "")}`;
    if (!allowance) {
      report({
        message: `${label} is not in allowedReleases: its manifests are applied inside the provider and no policy can judge them`,
        remediation: `Replace it with kubernetes:helm.sh/v4:Chart (chart: ${JSON.stringify(props.chart ?? "<chart>")}), or add {name: ${JSON.stringify(candidates[0] ?? resource.name)}, justification: "..."} to allowedReleases.`,
      });
    } else if (typeof allowance.justification !== "string" || allowance.justification.trim().length < MIN_JUSTIFICATION_LENGTH) {
      report({
        message: `${label} is in allowedReleases without a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters`,
        remediation: `Give the allowedReleases entry "${allowance.name}" a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters, or use kubernetes:helm.sh/v4:Chart.`,
      });
    }
  },
});
