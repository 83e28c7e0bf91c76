import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SIGNATURE_VALIDITY_TYPES, SIGNING_PLATFORM_ID, SIGNING_PROFILE_NAME } from "../../policy-pack/baseline/signing";
import { argError } from "../detection/args-error";
import { signerPolicyDocument } from "./policies";

/** How long a signature made with the profile stays valid. */
export interface SignatureValidity {
  /** Number of `type` units (Signer default: 135 months). */
  readonly value: number;
  /** The unit: DAYS, MONTHS or YEARS. */
  readonly type: (typeof SIGNATURE_VALIDITY_TYPES)[number];
}

/** Args of {@link ImageSigningProfile}. */
export interface ImageSigningProfileArgs {
  /** Signing profile name: 2-64 letters, digits and `_` (Signer rejects hyphens), e.g. `hc_prod_images`. Immutable and never reusable once cancelled. */
  readonly profileName: string;
  /** Validity of the signatures the profile makes. Default 12 months. */
  readonly signatureValidity?: SignatureValidity;
  /** Name of the customer-managed IAM policy CI roles attach to sign with this profile. Default `<profileName>-signer`. */
  readonly signerPolicyName?: string;
  /** AWS tags (`hardened-cluster.io/component: signing` is added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** The limits Signer puts on a validity period, per unit (the 135-month default is the longest). */
const MAX_VALIDITY: Record<SignatureValidity["type"], number> = { DAYS: 4110, MONTHS: 135, YEARS: 11 };

/** Throws a named-field error for bad args, before anything registers. */
export function validateImageSigningProfileArgs(name: string, args: Partial<ImageSigningProfileArgs> | undefined): void {
  const err = (field: string, problem: string, fix: string) => argError("ImageSigningProfile", name, field, problem, fix);
  if (!args || typeof args.profileName !== "string" || !SIGNING_PROFILE_NAME.test(args.profileName)) {
    throw err("profileName", `is ${JSON.stringify(args?.profileName)}`, "use 2-64 letters, digits and _ (no hyphens), e.g. hc_prod_images");
  }
  const v = args.signatureValidity;
  if (v !== undefined) {
    if (!SIGNATURE_VALIDITY_TYPES.includes(v.type)) throw err("signatureValidity.type", `is ${JSON.stringify(v.type)}`, `use one of ${SIGNATURE_VALIDITY_TYPES.join(", ")}`);
    if (!Number.isInteger(v.value) || v.value < 1 || v.value > MAX_VALIDITY[v.type]) throw err("signatureValidity.value", `is ${v.value}`, `use a whole number from 1 to ${MAX_VALIDITY[v.type]} ${v.type}`);
  }
}

/**
 * An AWS Signer signing profile for container images (platform `Notation-OCI-SHA384-ECDSA`), and the
 * customer-managed policy a CI role attaches to sign with it (`signer:SignPayload` on this profile only).
 * CI signs with `notation sign --plugin com.amazonaws.signer.notation.plugin --id <profileArn>` (docs/signing.md).
 */
export class ImageSigningProfile extends pulumi.ComponentResource {
  /** The Signer profile. */
  readonly profile: aws.signer.SigningProfile;
  /** The customer-managed policy CI roles attach to sign (`signer:SignPayload` on this profile only). */
  readonly signerPolicy: aws.iam.Policy;
  /** The profile ARN (what trust policies pin). */
  readonly profileArn: pulumi.Output<string>;

  constructor(name: string, args: ImageSigningProfileArgs, opts?: pulumi.ComponentResourceOptions) {
    validateImageSigningProfileArgs(name, args);
    super("hardened-cluster:signing:ImageSigningProfile", name, {}, opts);
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "signing" };
    this.profile = new aws.signer.SigningProfile(
      name,
      { name: args.profileName, platformId: SIGNING_PLATFORM_ID, signatureValidityPeriod: args.signatureValidity ?? { value: 12, type: "MONTHS" }, tags },
      { parent: this },
    );
    this.profileArn = this.profile.arn;
    this.signerPolicy = new aws.iam.Policy(
      `${name}-signer`,
      {
        name: args.signerPolicyName ?? `${args.profileName}-signer`,
        description: `Sign container images with AWS Signer profile ${args.profileName} (notation sign); nothing else`,
        policy: this.profile.arn.apply(signerPolicyDocument),
        tags,
      },
      { parent: this },
    );
    this.registerOutputs({ profileArn: this.profileArn, signerPolicyArn: this.signerPolicy.arn });
  }
}
