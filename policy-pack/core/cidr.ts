/**
 * CIDR maths for IPv4 and IPv6 (no dependencies): parse, containment, overlap, world and private ranges.
 * Addresses are held as bigint so both families share one code path.
 */

/** A parsed CIDR block: family, network address (host bits cleared) and prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

function bits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string): string[] | undefined => {
    if (s === "") return [];
    const out: string[] = [];
    const items = s.split(":");
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i === items.length - 1 && item.includes(".")) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
        out.push(item);
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Parse `a.b.c.d/n` or an IPv6 CIDR (a bare address is a /32 or /128). Returns undefined if malformed. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== "string") return undefined;
  const [addr, prefixText, ...rest] = text.trim().split("/");
  if (rest.length > 0) return undefined;
  const family: 4 | 6 = addr.includes(":") ? 6 : 4;
  const address = family === 4 ? parseIpv4(addr) : parseIpv6(addr);
  if (address === undefined) return undefined;
  const width = bits(family);
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  return { family, network: (address >> hostBits) << hostBits, prefix };
}

/** Inclusive first and last address of a block. */
function range(c: Cidr): [bigint, bigint] {
  const hostBits = BigInt(bits(c.family) - c.prefix);
  return [c.network, c.network + (1n << hostBits) - 1n];
}

function asCidr(value: string | Cidr): Cidr | undefined {
  return typeof value === "string" ? parseCidr(value) : value;
}

/** True when every address of `inner` lies inside `outer` (same family). Malformed input is never within. */
export function cidrWithin(inner: string | Cidr, outer: string | Cidr): boolean {
  const a = asCidr(inner);
  const b = asCidr(outer);
  if (!a || !b || a.family !== b.family || a.prefix < b.prefix) return false;
  const [start, end] = range(a);
  const [oStart, oEnd] = range(b);
  return start >= oStart && end <= oEnd;
}

/** True when the two blocks share at least one address (same family). */
export function cidrOverlaps(a: string | Cidr, b: string | Cidr): boolean {
  const x = asCidr(a);
  const y = asCidr(b);
  if (!x || !y || x.family !== y.family) return false;
  const [xs, xe] = range(x);
  const [ys, ye] = range(y);
  return xs <= ye && ys <= xe;
}

/** True for `0.0.0.0/0` and `::/0` (any spelling with prefix 0). */
export function isWorld(cidr: string | Cidr): boolean {
  const c = asCidr(cidr);
  return c !== undefined && c.prefix === 0;
}

/** Private IPv4 ranges: RFC 1918 plus RFC 6598 (carrier-grade NAT, used by EKS custom networking). */
export const PRIVATE_IPV4_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

/** Private IPv6 range: unique local addresses (RFC 4193). */
export const PRIVATE_IPV6_RANGES = ["fc00::/7"] as const;

/** True when the whole block lies in a private range (RFC 1918, RFC 6598, or IPv6 ULA). */
export function isPrivate(cidr: string | Cidr): boolean {
  const c = asCidr(cidr);
  if (!c) return false;
  const ranges: readonly string[] = c.family === 4 ? PRIVATE_IPV4_RANGES : PRIVATE_IPV6_RANGES;
  return ranges.some((r) => cidrWithin(c, r));
}

/** True when `cidr` is contained in at least one of `outers` (e.g. config `trustedCidrs`). */
export function withinAny(cidr: string | Cidr, outers: readonly string[]): boolean {
  return outers.some((o) => cidrWithin(cidr, o));
}
