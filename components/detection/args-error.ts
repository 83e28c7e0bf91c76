/** Errors for bad component args: name the component, the field and the fix, before anything registers. */

/** Build the error a component throws for a bad arg. */
export function argError(component: string, name: string, field: string, problem: string, fix: string): Error {
  return new Error(`${component} "${name}": args.${field} ${problem}. Fix: ${fix}`);
}

/** A 12-digit AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** An IAM role name as IAM accepts it: 1-64 letters, digits and `+=,.@_-` (no path). */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** An AWS region name such as `eu-west-1` or `us-gov-west-1`. */
export const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** An IAM principal ARN (role, user or account root). */
export const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/.+|user\/.+)$/;
/** A KMS key or alias ARN. */
export const KMS_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;

/** True when `value` is a plain string (not an Output), so it can be validated now. */
export function isLiteral(value: unknown): value is string {
  return typeof value === "string";
}
