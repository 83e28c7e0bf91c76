import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";

/** ECR-001: images scanned on push. */
export const ecr001 = nativeResourceRule({
  id: "ECR-001",
  name: "ecr-scan-on-push",
  description: "ECR repositories must scan images on push (imageScanningConfiguration.scanOnPush: true).",
  enforcementLevel: "mandatory",
  severity: "medium",
  groups: ["ecr", "aws"],
  seed: ["S1 §5.1", "S1 §5.13", "S3"],
  upstream: "@pulumi/aws ecr.Repository imageScanningConfiguration",
  remediation: "Set imageScanningConfiguration: {scanOnPush: true}.",
  resourceTypes: ["aws:ecr/repository:Repository"],
  check(resource, report) {
    const scan = fieldReader(resource.props, report)("imageScanningConfiguration.scanOnPush");
    if (scan === UNKNOWN || scan === true) return;
    report(`imageScanningConfiguration.scanOnPush is ${scan === undefined ? "absent" : JSON.stringify(scan)}: pushed images are never scanned for vulnerabilities`);
  },
});
