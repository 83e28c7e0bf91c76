/**
 * CIDR blocks with host bits set (`10.0.0.5/16`): EC2 VPC/subnet APIs reject them, and where an API
 * canonicalises them instead (security-group rules) the stored value never matches the program, so every
 * update shows a diff and a second rule for the canonical form fails as a duplicate.
 */
import { parseCidr } from "./cidr";

/** EC2 note on canonicalised CIDRs (`IpRange.CidrIp`). */
export const CIDR_DOC = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html";

function formatNetwork(family: 4 | 6, network: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => ((network >> s) & 0xffn).toString()).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((network >> s) & 0xffffn).toString(16));
  return groups.join(":");
}

/** The verdict on one CIDR text: malformed, canonical, or with host bits (and its canonical form). */
export type CidrVerdict = { readonly kind: "malformed" } | { readonly kind: "ok" } | { readonly kind: "host-bits"; readonly canonical: string };

/** Judge a CIDR: a bare address or a block whose address has bits set beyond the prefix is not canonical. */
export function judgeCidr(text: string): CidrVerdict {
  const [addr, prefix] = text.trim().split("/");
  if (prefix === undefined) return { kind: "malformed" };
  const block = parseCidr(text);
  const width = addr.includes(":") ? 128 : 32;
  const address = parseCidr(`${addr}/${width}`);
  if (!block || !address) return { kind: "malformed" };
  if (block.network === address.network) return { kind: "ok" };
  return { kind: "host-bits", canonical: `${formatNetwork(block.family, block.network)}/${block.prefix}` };
}
