/**
 * EC2 security-group and security-group-rule descriptions: the one place the Firewall, the Network and the
 * Deployer turn text (including free-text justifications from stack config) into a description EC2 accepts.
 *
 * EC2 API reference, `UserIdGroupPair.Description` / `IpRange.Description` / `PrefixListId.Description`:
 * "Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=;{}!$*".
 * (`GroupDescription` also allows `&`; we use the narrower rule set for both.) A description outside the set
 * fails `AuthorizeSecurityGroupIngress`/`CreateSecurityGroup` with `InvalidParameterValue` at `pulumi up`.
 */

/** Longest description EC2 accepts. */
export const EC2_DESCRIPTION_MAX_LENGTH = 255;

/** A whole description EC2 accepts (character set and length). */
export const EC2_DESCRIPTION_PATTERN = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]{0,255}$/;

/** Characters outside the EC2 description set. */
const OUTSIDE_SET = /[^a-zA-Z0-9 ._\-:/()#,@[\]+=;{}!$*]/g;

/** Readable stand-ins for common characters outside the set; anything else is dropped. */
const REPLACEMENTS: readonly (readonly [RegExp, string])[] = [
  [/[\u2018\u2019'`\u00b4]/g, ""], // apostrophes: "controller's" -> "controllers"
  [/[\u201c\u201d"]/g, ""],
  [/&/g, " and "],
  [/[\u2013\u2014~]/g, "-"],
  [/[<>|\\?^%]/g, " "],
  [/\s/g, " "],
];

/**
 * `text` as an EC2 security-group (rule) description: characters EC2 rejects are replaced or dropped, runs of
 * spaces collapsed, and the result cut to 255 characters. Idempotent; text already in the set only loses
 * surplus spaces and length. Every SG and SG-rule description the components emit goes through this.
 */
export function ec2Description(text: string): string {
  let out = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); // "é" -> "e" rather than dropped
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  out = out.replace(OUTSIDE_SET, "").replace(/ {2,}/g, " ").trim();
  return out.slice(0, EC2_DESCRIPTION_MAX_LENGTH).trimEnd();
}

/** How many characters of `text` survive {@link ec2Description} as letters or digits (to judge free text). */
export function ec2DescriptionWordCharacters(text: string): number {
  return ec2Description(text).replace(/[^a-zA-Z0-9]/g, "").length;
}
