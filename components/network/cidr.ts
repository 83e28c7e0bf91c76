/** Small IPv4 CIDR helpers for carving subnets without a cloud look-up. */

/** Parse `a.b.c.d/n` into a 32-bit network number and prefix; throws on malformed input. */
export function parseIpv4Cidr(cidr: string): { network: number; prefix: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m) throw new Error(`"${cidr}" is not an IPv4 CIDR (a.b.c.d/n)`);
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) throw new Error(`"${cidr}" is not an IPv4 CIDR (a.b.c.d/n)`);
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  return { network: address - (address % size), prefix };
}

/** The CIDR's network address form (`10.0.0.1/16` -> `10.0.0.0/16`). */
export function networkCidr(cidr: string): string {
  const { network, prefix } = parseIpv4Cidr(cidr);
  return format(network, prefix);
}

/** True when the address part has bits set beyond the prefix (`10.0.0.1/16`), which EC2 and EKS reject. */
export function hasHostBits(cidr: string): boolean {
  return networkCidr(cidr) !== cidr.trim();
}

/**
 * The Service CIDRs EKS assigns from when `kubernetesNetworkConfig.serviceIpv4Cidr` is not set: "either the
 * 10.100.0.0/16 or 172.20.0.0/16 CIDR blocks" (EKS API reference, KubernetesNetworkConfigRequest). Which one is
 * not documented, so a pod CIDR must avoid both.
 */
export const EKS_DEFAULT_SERVICE_CIDRS = ["10.100.0.0/16", "172.20.0.0/16"] as const;

function format(network: number, prefix: number): string {
  const o = [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256);
  return `${o.join(".")}/${prefix}`;
}

/** The `index`-th subnet of `cidr` that is `newBits` longer (like Terraform's `cidrsubnet`). */
export function cidrSubnet(cidr: string, newBits: number, index: number): string {
  const { network, prefix } = parseIpv4Cidr(cidr);
  const next = prefix + newBits;
  if (next > 28) throw new Error(`cannot carve /${next} subnets from ${cidr}: AWS subnets are /16 to /28`);
  if (index < 0 || index >= 2 ** newBits) throw new Error(`subnet index ${index} out of range for ${cidr} + ${newBits} bits`);
  return format(network + index * 2 ** (32 - next), next);
}

/** True when `cidr` is the IPv4 or IPv6 world (`0.0.0.0/0`, `::/0`) or any /0. */
export function isWorldCidr(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

/** True when the CIDR is in RFC 1918 or RFC 6598 (100.64.0.0/10) space. */
export function isPrivateIpv4Cidr(cidr: string): boolean {
  const { network, prefix } = parseIpv4Cidr(cidr);
  const inside = (base: string, bits: number) => prefix >= bits && Math.floor(network / 2 ** (32 - bits)) === Math.floor(parseIpv4Cidr(base).network / 2 ** (32 - bits));
  return inside("10.0.0.0/8", 8) || inside("172.16.0.0/12", 12) || inside("192.168.0.0/16", 16) || inside("100.64.0.0/10", 10);
}
