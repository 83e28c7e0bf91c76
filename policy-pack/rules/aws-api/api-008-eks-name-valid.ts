import { NAME_SPECS } from "../../core/aws-text";
import { resourceRule } from "../../core/rule";
import { checkName, specsFor } from "./names";

const SPECS = specsFor(NAME_SPECS, ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon"]);

/** API-008: EKS names within the API's length and character set. */
export const api008 = resourceRule({
  id: "API-008",
  name: "eks-name-valid",
  description: "EKS cluster names (1-100) and node group names (1-63) start with a letter or digit and continue with letters, digits, - and _; add-on names are well-formed. An absent name is judged as Pulumi's auto-name (resource name + 8 characters), a namePrefix as prefix + 26.",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["aws-api", "eks", "aws"],
  seed: ["S1 §5.1"],
  upstream: SPECS.map((s) => s.doc).filter((d, i, all) => all.indexOf(d) === i).join(" · "),
  remediation: "Set the cluster name (at most 100) or nodeGroupName (at most 63) to a letter or digit followed by letters, digits, - and _.",
  resourceTypes: ["aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup", "aws:eks/addon:Addon"],
  check(resource, report) {
    checkName(SPECS, resource, report);
  },
});
