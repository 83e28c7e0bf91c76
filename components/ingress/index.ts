export * from "./version";
export { LoadBalancerController, type LoadBalancerControllerArgs, LBC_DEPLOYER_ROLE, controllerArgs, webhookDnsNames, LBC_CRDS_FILE, LBC_POLICY_NAME, LBC_WEBHOOK_CONFIG, LBC_RESOURCES } from "./controller";
export { LoadBalancerControllerIdentity, type LoadBalancerControllerIdentityArgs } from "./identity";
export { TenantIngress, type TenantIngressArgs, type IngressScheme, ingressClassName, validateTenantIngressArgs } from "./tenant-ingress";
export { controllerPolicySpec, loadBalancerIngressPolicySpec, LB_INGRESS_POLICY_NAME } from "./policies";
export { LBC_CLUSTER_RULES, LBC_LEADER_ELECTION_RULES, type LbcRbacRule } from "./rbac";
export { LBC_IAM_POLICY } from "./upstream/iam-policy";
export { LBC_DEPLOYER_RULES, LBC_DEPLOYER_NAMESPACE_RULES, LBC_CLUSTER_OBJECT_NAMES } from "./deployer-rbac";
