/** Tenants: groups of hardened namespaces with network isolation, quotas and RBAC. */
export * from "./config";
export * from "./namespace";
export * from "./network";
export * from "./rbac";
export * from "./tenant";
