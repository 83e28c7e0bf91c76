/**
 * The alarm on an admin role being assumed: an EventBridge pattern over CloudTrail's `AssumeRole` management
 * events (EventBridge user guide, "Receiving read-only management events from AWS services": STS `AssumeRole`
 * is read-only, so the rule's state must be `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`). EventBridge only
 * receives CloudTrail events when a trail logs management events in the account, and only in the region whose
 * STS endpoint was called (use the cluster's region; docs/deploy.md).
 */

/** Rule state that lets a rule match read-only CloudTrail management events such as `AssumeRole`. */
export const ADMIN_ASSUME_RULE_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

/** The EventBridge pattern matching an `AssumeRole` of any of `roleArns` (JSON text). */
export function adminAssumePattern(roleArns: readonly string[]): string {
  return JSON.stringify({
    source: ["aws.sts"],
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: { eventSource: ["sts.amazonaws.com"], eventName: ["AssumeRole"], requestParameters: { roleArn: [...roleArns] } },
  });
}
