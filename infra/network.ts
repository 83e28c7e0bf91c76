import { bucketOf } from "../components/network/endpoint-policies";
import { guardDutyEnabled, type PlatformConfig } from "./schema";

/**
 * This account's S3 buckets the private-only VPC must reach through the S3 gateway endpoint: the deployer's
 * Pulumi state bucket (`deployer.backendUrl` `s3://...`), its S3 source (`deployer.sourceLocation` when
 * `sourceType: S3`), and `network.s3Buckets`. The endpoint policy admits these and the ECR layer bucket only.
 */
export function platformS3Buckets(config: PlatformConfig): string[] {
  const out = [...config.network.s3Buckets];
  const d = config.deployer;
  if (d?.enabled) {
    const state = d.backendUrl.startsWith("s3://") ? bucketOf(d.backendUrl) : undefined;
    const source = d.sourceType === "S3" ? bucketOf(d.sourceLocation) : undefined;
    for (const b of [state, source]) if (b) out.push(b);
  }
  return [...new Set(out)].sort();
}

/**
 * Whether the VPC needs its own `guardduty-data` endpoint: GuardDuty is on (its Runtime Monitoring agent is
 * managed manually, so GuardDuty creates no endpoint) and the VPC has no NAT to reach the public one.
 */
export function needsRuntimeMonitoringEndpoint(config: PlatformConfig): boolean {
  return guardDutyEnabled(config) && config.network.privateOnly;
}
