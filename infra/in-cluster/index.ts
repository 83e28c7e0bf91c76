import { main } from "./program";

/**
 * The in-cluster stack: reads the AWS stack through a StackReference (`hardened-cluster:platformStack`,
 * e.g. `acme/hardened-cluster/prod`) and composes ENIConfigs, CoreDNS, the admission mirror and the tenants
 * of `hardened-cluster:tenants`. Run from inside the VPC by the Deployer's CodeBuild project.
 */
export = main;
