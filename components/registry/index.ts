/** Registry: hardened ECR repositories for tenant images. */
export * from "./config";
export * from "./repository";
export * from "./tenant-registry";
