/** In-cluster admission mirror of the pack's CEL-expressible rules. */
export * from "./admission";
export * from "./cel";
export * from "./expressions";
