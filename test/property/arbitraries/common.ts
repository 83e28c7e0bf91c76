/** Small arbitraries shared by several families (names, namespaces, ids, CIDRs). */
import * as fc from "fast-check";

/** Namespaces the pack treats specially; generated tenant namespaces avoid them. */
const RESERVED_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"];

/** A DNS-1123 label of 2–20 characters. */
export const dnsLabel: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/);

/** A namespace that is neither `default` nor reserved (and so not PSS-exempt). */
export const tenantNamespace: fc.Arbitrary<string> = dnsLabel.filter((n) => !RESERVED_NAMESPACES.includes(n));

/** An AWS region name. */
export const awsRegion: fc.Arbitrary<string> = fc.constantFrom("eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2", "sa-east-1");

/** A 12-digit AWS account id. */
export const accountId: fc.Arbitrary<string> = fc.stringMatching(/^[0-9]{12}$/);

/** A hex id suffix as AWS writes them (`sg-0abc…`, `lt-0abc…`). */
export const hexId: fc.Arbitrary<string> = fc.stringMatching(/^[0-9a-f]{17}$/);

/** A KMS key ARN. */
export const kmsKeyArn: fc.Arbitrary<string> = fc
  .tuple(awsRegion, accountId, fc.uuid())
  .map(([region, account, id]) => `arn:aws:kms:${region}:${account}:key/${id}`);

/** A private (RFC 1918) IPv4 CIDR with prefix 16–28. */
export const privateCidr: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 28 }))
  .map(([b, prefix]) => `10.${b}.0.0/${prefix}`);
