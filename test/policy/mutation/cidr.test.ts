/**
 * CIDR parsing and comparison edge cases found by mutation testing (Stryker) on policy-pack/core/cidr.ts.
 * The SG rules (world ingress, trustedCidrs, private VPC ranges) decide on these answers, so malformed
 * input must be rejected (never thrown on, never half-parsed) and boundaries must be exact.
 */
import { cidrOverlaps, cidrWithin, isPrivate, isWorld, parseCidr } from "../../../policy-pack/core/cidr";

describe("parseCidr: IPv4", () => {
  it("a bare address is a /32 and surrounding whitespace is ignored", () => {
    expect(parseCidr("10.0.0.1")).toEqual({ family: 4, network: 0x0a000001n, prefix: 32 });
    expect(parseCidr("  10.0.0.0/8 ")).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
  });

  it.each([
    ["an empty octet", "10..0.1/32"],
    ["an octet with a trailing letter", "10.0.0.1x/32"],
    ["an octet with a leading letter", "10.0.x1.0/24"],
    ["an octet in exponent notation", "10.0.0.1e2/32"],
    ["an octet with a sign", "10.0.+1.0/24"],
    ["two prefixes", "10.0.0.0/8/9"],
    ["a non-numeric prefix", "10.0.0.0/x"],
    ["a prefix with a leading space", "10.0.0.0/ 8"],
    ["a prefix with a sign", "10.0.0.0/+8"],
    ["a prefix in exponent notation", "10.0.0.0/1e1"],
    ["a fractional prefix", "10.0.0.0/8.0"],
    ["a negative prefix", "10.0.0.0/-8"],
  ])("rejects %s (%s) without throwing", (_what, text) => {
    expect(() => parseCidr(text)).not.toThrow();
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe("parseCidr: IPv6", () => {
  it.each([
    ["::1/128", 1n],
    ["1::2/128", (1n << 112n) | 2n],
    ["::/0", 0n],
    ["1:2:3:4:5:6::8/128", 0x00010002000300040005000600000008n],
    ["::ffff:10.0.0.1/128", 0xffff0a000001n],
    ["::ffff:10.0.0.1", 0xffff0a000001n],
  ])("%s has network %s", (text, network) => {
    expect(parseCidr(text)?.network).toBe(network);
    expect(parseCidr(text)?.family).toBe(6);
  });

  it("a bare IPv6 address is a /128", () => {
    expect(parseCidr("fd00::1")?.prefix).toBe(128);
  });

  it.each([
    ["a group of five hex digits after ::", "::12345/128"],
    ["a group of five hex digits before ::", "12345::1/128"],
    ["a group of five hex digits without ::", "1:2:3:4:5:6:7:12345/128"],
    ["an embedded IPv4 address that is not last", "::1.2.3.4:5/128"],
    ["an embedded IPv4 address with a bad octet", "::ffff:10.0.0.256/128"],
    [":: standing for no group (eight groups already)", "1:2:3:4:5:6:7::8/128"],
    [":: at the end of eight groups", "1:2:3:4:5:6:7:8::/128"],
    ["two ::", "1::2::3/128"],
  ])("rejects %s (%s) without throwing", (_what, text) => {
    expect(() => parseCidr(text)).not.toThrow();
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe("cidrOverlaps", () => {
  it.each([
    ["a block after the other", "10.1.0.0/16", "10.0.0.0/16", false],
    ["the first address of one is the last of the other", "10.0.0.255/32", "10.0.0.0/24", true],
    ["the last address of one is the first of the other", "10.0.0.0/24", "10.0.0.255/32", true],
    ["IPv4 and IPv6 blocks with the same numeric range", "0.0.0.0/0", "::/96", false],
    ["IPv4 world and IPv6 world", "0.0.0.0/0", "::/0", false],
    ["a malformed first block", "garbage", "10.0.0.0/8", false],
    ["a malformed second block", "10.0.0.0/8", "garbage", false],
    ["two malformed blocks", "garbage", "nonsense", false],
  ])("%s: cidrOverlaps(%s, %s) = %s", (_what, a, b, want) => {
    expect(cidrOverlaps(a, b)).toBe(want);
  });
});

describe("isWorld / isPrivate / cidrWithin on malformed or foreign input", () => {
  it("malformed text is neither world nor private", () => {
    expect(isWorld("garbage")).toBe(false);
    expect(isPrivate("garbage")).toBe(false);
    expect(isPrivate("10.0.0.0/33")).toBe(false);
  });

  it("an IPv6 block is private only inside fc00::/7", () => {
    expect(isPrivate("fc00::/7")).toBe(true);
    expect(isPrivate("fe00::/8")).toBe(false);
  });

  it("a wider block is never within a narrower one", () => {
    expect(cidrWithin("10.0.0.0/8", "10.0.0.0/9")).toBe(false);
    expect(cidrWithin("10.0.0.0/9", "10.0.0.0/8")).toBe(true);
  });
});
