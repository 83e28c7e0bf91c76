import * as pulumi from "@pulumi/pulumi";
import { runInClusterStack } from "../in-cluster";
import { contextFromStack } from "./context";

/**
 * The in-cluster stack: reads the AWS stack through a StackReference (`hardened-cluster:platformStack`,
 * e.g. `acme/hardened-cluster/prod`) and composes ENIConfigs, then tenants/detection/registry.
 * Run from inside the VPC by the Deployer's CodeBuild project.
 */
export = async () => {
  const platformStack = new pulumi.Config("hardened-cluster").require("platformStack");
  return runInClusterStack(await contextFromStack(platformStack));
};
