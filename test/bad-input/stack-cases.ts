/**
 * Bad stack files (test/bad-input/stacks/): each is stacks/Pulumi.dev.yaml with ONE defect (see the comment
 * at the top of each file), or a stack file broken as a whole. `field` is the text the one-line error must
 * contain: the full config key (`hardened-cluster:tenants[1].namespaces[0]`) or, for a file-level defect,
 * the file name. `fix` is what names the fix (default: the `Fix:` clause of a config issue).
 */
export interface StackCase {
  readonly file: string;
  readonly field: string;
  readonly fix?: RegExp;
  /** Issues the defect raises (default 1); more means the base drifted from the schema. */
  readonly issues?: number;
  /** Also run through the real command (spawned); the others are checked in-process. */
  readonly e2e?: boolean;
}

const YAML_FIX = /; fix the YAML/;
const MAP_FIX = /must be a map/;

/** Every bad stack file with the field its error must name. */
export const STACK_CASES: readonly StackCase[] = [
  // the file as a whole
  { file: "yaml-malformed.yaml", field: "yaml-malformed.yaml:8: malformed stack file", fix: YAML_FIX, e2e: true },
  { file: "yaml-bad-indent.yaml", field: "yaml-bad-indent.yaml:4: malformed stack file", fix: YAML_FIX },
  { file: "yaml-duplicate-key.yaml", field: "yaml-duplicate-key.yaml:5: malformed stack file: Map keys must be unique", fix: YAML_FIX },
  { file: "yaml-alias-bomb.yaml", field: "yaml-alias-bomb.yaml: malformed stack file", fix: YAML_FIX },
  { file: "empty.yaml", field: "hardened-cluster:environment: Required", issues: 7, e2e: true },
  { file: "empty-no-bytes.yaml", field: "hardened-cluster:clusterName: Required", issues: 7 },
  { file: "config-misspelt.yaml", field: "hardened-cluster:environment: Required", issues: 7 },
  { file: "config-list.yaml", field: "config-list.yaml: 'config' must be a map", fix: MAP_FIX },
  { file: "config-scalar.yaml", field: "config-scalar.yaml: 'config' must be a map", fix: MAP_FIX },
  { file: "top-level-list.yaml", field: "top-level-list.yaml: a stack file must be a map", fix: MAP_FIX },
  { file: "top-level-scalar.yaml", field: "top-level-scalar.yaml: a stack file must be a map", fix: MAP_FIX },
  // wrong types
  { file: "type-network-cidr-number.yaml", field: "hardened-cluster:network.cidr" },
  { file: "type-network-not-object.yaml", field: "hardened-cluster:network" },
  { file: "type-private-only-string.yaml", field: "hardened-cluster:network.privateOnly" },
  { file: "type-min-size-string.yaml", field: "hardened-cluster:nodePools.system.minSize" },
  { file: "type-node-pools-list.yaml", field: "hardened-cluster:nodePools" },
  { file: "type-tags-number.yaml", field: "hardened-cluster:tags.team" },
  { file: "type-protect-string.yaml", field: "hardened-cluster:protect" },
  { file: "type-instance-types-string.yaml", field: "hardened-cluster:nodePools.general.instanceTypes" },
  { file: "type-environment-unknown.yaml", field: "hardened-cluster:environment" },
  // negative or impossible sizes
  { file: "size-min-negative.yaml", field: "hardened-cluster:nodePools.system.minSize" },
  { file: "size-max-zero.yaml", field: "hardened-cluster:nodePools.sensitive.maxSize" },
  { file: "size-desired-above-max.yaml", field: "hardened-cluster:nodePools.system.desiredSize" },
  { file: "size-disk-negative.yaml", field: "hardened-cluster:nodePools.general.diskSizeGiB" },
  { file: "size-fractional.yaml", field: "hardened-cluster:nodePools.general.maxSize" },
  { file: "size-addon-port-out-of-range.yaml", field: "hardened-cluster:addonPorts[0].port" },
  { file: "size-log-retention-short.yaml", field: "hardened-cluster:logRetentionDays" },
  { file: "size-kms-window-short.yaml", field: "hardened-cluster:kms.deletionWindowInDays" },
  // unknown keys
  { file: "unknown-top-level-key.yaml", field: "hardened-cluster:clusterNmae", fix: /Fix: remove clusterNmae/ },
  { file: "unknown-network-key.yaml", field: "hardened-cluster:network", fix: /Fix: remove cidrBlock/ },
  { file: "unknown-pool-key.yaml", field: "hardened-cluster:nodePools.general", fix: /Fix: remove maxPods/ },
  { file: "unknown-pool-name.yaml", field: "hardened-cluster:nodePools", fix: /Fix: remove gpu/ },
  // CIDRs
  { file: "cidr-vpc-invalid.yaml", field: "hardened-cluster:network.cidr" },
  { file: "cidr-vpc-octet.yaml", field: "hardened-cluster:network.cidr" },
  { file: "cidr-pod-overlaps-vpc.yaml", field: "hardened-cluster:network.podCidr", e2e: true },
  { file: "cidr-pod-equals-vpc.yaml", field: "hardened-cluster:network.podCidr" },
  { file: "cidr-vpc-too-small.yaml", field: "hardened-cluster:network.cidr" },
  { file: "cidr-vpc-public.yaml", field: "hardened-cluster:network.cidr" },
  { file: "cidr-vpc-host-bits.yaml", field: "hardened-cluster:network.cidr", fix: /Fix: write 10\.10\.0\.0\/16/, e2e: true },
  { file: "cidr-pod-overlaps-service.yaml", field: "hardened-cluster:network.podCidr" },
  { file: "justification-no-ec2-text.yaml", field: "hardened-cluster:addonPorts[0].justification" },
  { file: "admins-duplicate-name.yaml", field: "hardened-cluster:admins[1].name" },
  { file: "addon-port-etcd.yaml", field: "hardened-cluster:addonPorts[0].port" },
  { file: "addon-port-nodeport.yaml", field: "hardened-cluster:addonPorts[0].port" },
  { file: "tenant-principal-is-admin.yaml", field: "hardened-cluster:tenants[0].roles.admin[0]" },
  { file: "cidr-extra-egress-invalid.yaml", field: "hardened-cluster:extraEgress[0].cidr" },
  { file: "cidr-public-world.yaml", field: "hardened-cluster:endpoint.publicAccessCidrs[0]", e2e: true },
  { file: "cidr-public-world-second.yaml", field: "hardened-cluster:endpoint.publicAccessCidrs[1]" },
  { file: "cidr-private-access-world.yaml", field: "hardened-cluster:endpoint.privateAccessCidrs[0]" },
  { file: "cidr-public-any-slash-zero.yaml", field: "hardened-cluster:endpoint.publicAccessCidrs[0]" },
  { file: "cidr-public-none.yaml", field: "hardened-cluster:endpoint.publicAccessCidrs" },
  // names
  { file: "name-cluster-not-dns.yaml", field: "hardened-cluster:clusterName" },
  { file: "name-cluster-too-long.yaml", field: "hardened-cluster:clusterName" },
  { file: "name-admin-not-dns.yaml", field: "hardened-cluster:admins[0].name" },
  { file: "name-addon-port-duplicate.yaml", field: "hardened-cluster:addonPorts[1].name" },
  { file: "name-tag-reserved-prefix.yaml", field: "hardened-cluster:tags" },
  // missing required keys
  { file: "missing-cluster-name.yaml", field: "hardened-cluster:clusterName: Required" },
  { file: "missing-network-cidr.yaml", field: "hardened-cluster:network.cidr: Required" },
  { file: "missing-sensitive-pool.yaml", field: "hardened-cluster:nodePools.sensitive: Required" },
  { file: "missing-addons.yaml", field: "hardened-cluster:addons: Required" },
  { file: "missing-aws-region.yaml", field: "aws:region: is not set" },
  { file: "missing-admin-justification.yaml", field: "hardened-cluster:admins[0].justification" },
  // MFA-gated admin roles (issue 20)
  { file: "admin-role-principal-malformed.yaml", field: "hardened-cluster:adminRoles.roles[0].trustedPrincipalArns[0]", fix: /Fix: list the exact ARN of each IAM user/, e2e: true },
  { file: "admin-role-mfa-age-out-of-range.yaml", field: "hardened-cluster:adminRoles.maxMfaAgeSeconds: 86400 is outside 300-43200 seconds", fix: /Fix: use a value from 300 to 43200/ },
  { file: "admin-role-no-principals.yaml", field: "hardened-cluster:adminRoles.roles[0].trustedPrincipalArns", fix: /Fix: name the break-glass IAM users/ },
  // hardening that cannot be switched off
  { file: "pool-sensitive-burstable.yaml", field: "hardened-cluster:nodePools.sensitive.instanceTypes[0]", fix: /Fix: use a Nitro type/ },
  { file: "autoscaler-image-other-minor.yaml", field: "hardened-cluster:autoscaler.image", fix: /Fix: use the cluster-autoscaler v1\.35\.x image/ },
  { file: "hop-limit-2.yaml", field: "hardened-cluster:nodePools.general.metadataHopLimit", fix: /Fix: set hardened-cluster:nodePools\.general\.metadataHopLimit to 1/, e2e: true },
  { file: "ami-al2.yaml", field: "hardened-cluster:nodePools.general.amiType" },
  { file: "kms-secrets-encryption-off.yaml", field: "hardened-cluster:kms.secretsEncryption" },
  { file: "prod-unprotected.yaml", field: "hardened-cluster:protect" },
  { file: "addon-version-latest.yaml", field: "hardened-cluster:addons.vpcCni" },
  { file: "deployer-cloud-without-token.yaml", field: "hardened-cluster:deployer.accessTokenSecretArn" },
  { file: "deployer-token-arn-without-suffix.yaml", field: "hardened-cluster:deployer.accessTokenSecretArn: must be the full Secrets Manager secret ARN", e2e: true },
  { file: "deployer-s3-without-secrets-key.yaml", field: "hardened-cluster:deployer.secretsProviderKeyArn", fix: /Fix: create a KMS key for Pulumi secrets/ },
  // availability zones
  { file: "az-single.yaml", field: "hardened-cluster:network.availabilityZones" },
  { file: "az-four.yaml", field: "hardened-cluster:network.availabilityZones" },
  { file: "az-malformed.yaml", field: "hardened-cluster:network.availabilityZones[0]", issues: 2 },
  { file: "az-two-regions.yaml", field: "hardened-cluster:network.availabilityZones[1]" },
  { file: "az-other-region.yaml", field: "hardened-cluster:network.availabilityZones" },
  { file: "az-not-list.yaml", field: "hardened-cluster:network.availabilityZones" },
  // versions
  { file: "version-below-minimum.yaml", field: "hardened-cluster:kubernetesVersion" },
  { file: "version-malformed.yaml", field: "hardened-cluster:kubernetesVersion" },
  // tenants (dev stack: tenants[0] payments, tenants[1] storefront)
  { file: "tenant-duplicate-name.yaml", field: "hardened-cluster:tenants[1].name" },
  { file: "tenant-duplicate-namespace-across.yaml", field: "hardened-cluster:tenants[1].namespaces[0]" },
  { file: "tenant-duplicate-namespace-within.yaml", field: "hardened-cluster:tenants[1].namespaces[1]" },
  { file: "tenant-namespace-not-dns.yaml", field: "hardened-cluster:tenants[1].namespaces[0]" },
  { file: "tenant-namespace-kube-system.yaml", field: "hardened-cluster:tenants[1].namespaces[0]", e2e: true },
  { file: "tenant-namespace-kube-prefix.yaml", field: "hardened-cluster:tenants[1].namespaces[0]" },
  { file: "tenant-namespace-default.yaml", field: "hardened-cluster:tenants[0].namespaces[1]" },
  { file: "tenant-namespace-too-long.yaml", field: "hardened-cluster:tenants[1].namespaces[0]" },
  { file: "tenant-name-too-long.yaml", field: "hardened-cluster:tenants[1].name" },
  { file: "tenant-name-not-dns.yaml", field: "hardened-cluster:tenants[1].name" },
  { file: "tenant-name-reserved.yaml", field: "hardened-cluster:tenants[1].name" },
  { file: "tenant-no-namespaces.yaml", field: "hardened-cluster:tenants[1].namespaces" },
  { file: "tenant-missing-pss-version.yaml", field: "hardened-cluster:tenants[1].pssVersion" },
  { file: "tenant-pss-latest.yaml", field: "hardened-cluster:tenants[1].pssVersion" },
  { file: "tenant-unknown-key.yaml", field: "hardened-cluster:tenants[1]", fix: /Fix: remove privileged/ },
  { file: "tenant-not-list.yaml", field: "hardened-cluster:tenants" },
  { file: "tenant-principal-in-two-tenants.yaml", field: "hardened-cluster:tenants[1].roles.admin[0]" },
  { file: "tenant-principal-other-account.yaml", field: "hardened-cluster:tenants[1].roles.viewer[0]" },
  { file: "tenant-nodeport-quota-unjustified.yaml", field: "hardened-cluster:tenants[1].quotaJustification" },
  { file: "tenant-privileged-unjustified.yaml", field: "hardened-cluster:tenants[1].podSecurity.justification" },
  { file: "tenant-egress-no-ports.yaml", field: "hardened-cluster:tenants[1].egress[0].ports" },
  { file: "tenant-egress-unreachable.yaml", field: "hardened-cluster:tenants[1].egress[0]", fix: /Fix: add to hardened-cluster:extraEgress \{ name: <destination>, protocol: tcp, fromPort: 5432, toPort: 5432, cidr: 10\.10\.32\.0\/24/ },
  // image signing (infra/schema-signing.ts)
  { file: "signing-profile-name-hyphen.yaml", field: "hardened-cluster:signing.profileName" },
  { file: "signing-repository-unknown.yaml", field: "hardened-cluster:signing.repositories[1]", fix: /Fix: list only repositories the registry creates/, e2e: true },
  { file: "signing-trusted-profile-arn-malformed.yaml", field: "hardened-cluster:signing.verification.additionalTrustedProfileArns[0]" },
  { file: "signing-verification-off-unjustified.yaml", field: "hardened-cluster:signing.verification.justification" },
  // shared ingress (infra/schema-ingress.ts) and per-tenant secrets (infra/schema-secrets.ts), issue 20 "Bad input"
  { file: "ingress-port-out-of-range.yaml", field: "hardened-cluster:ingress.tenants[0].ports[0]: must be a port 1-65535", e2e: true },
  { file: "ingress-port-not-target.yaml", field: "hardened-cluster:ingress.tenants[0].ports[0]: port 9090 is not one of ingress.targetPorts", fix: /Fix: add 9090 to hardened-cluster:ingress\.targetPorts/ },
  { file: "ingress-unknown-tenant.yaml", field: "hardened-cluster:ingress.tenants[0].tenant: unknown tenant \"storfront\"", fix: /Fix: use one of the configured tenants \(payments, storefront\)/ },
  { file: "secrets-name-outside-prefix.yaml", field: "hardened-cluster:tenants[0].secrets.names[0]", fix: /Fix: rename it hc-dev\/payments\/<name>/ },
];

/** `--stack` values that are not a readable stack file (run end to end only). */
export const STACK_PATH_CASES: readonly { readonly name: string; readonly stack: string; readonly field: string; readonly fix: RegExp }[] = [
  { name: "missing file", stack: "test/bad-input/stacks/does-not-exist.yaml", field: "--stack test/bad-input/stacks/does-not-exist.yaml: file not found", fix: /pass an existing stack file/ },
  { name: "folder", stack: "test/bad-input/stacks/", field: "cannot read stack file (EISDIR)", fix: /check the path/ },
];
