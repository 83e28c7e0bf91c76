/** Detection: audit-log alarms, resource-exhaustion alarms, GuardDuty runtime detection, the alert topic. */
export * from "./alert-topic";
export * from "./audit-alarms";
export * from "./audit-signals";
export * from "./config";
export * from "./guardduty-agent";
export * from "./filter-pattern";
export * from "./resource-alarms";
export * from "./runtime-detection";
