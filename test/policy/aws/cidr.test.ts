import { cidrOverlaps, cidrWithin, isPrivate, isWorld, parseCidr } from "../../../policy-pack/core/cidr";

describe("core/cidr", () => {
  it.each([
    ["10.0.0.0/16", "10.0.0.0/8", true],
    ["10.0.0.0/8", "10.0.0.0/16", false],
    ["192.168.1.7/32", "192.168.1.0/24", true],
    ["192.168.2.0/24", "192.168.1.0/24", false],
    ["2001:db8::/48", "2001:db8::/32", true],
    ["2001:db9::/48", "2001:db8::/32", false],
    ["10.0.0.0/16", "::/0", false],
    ["203.0.113.0/24", "0.0.0.0/0", true],
    ["garbage", "0.0.0.0/0", false],
  ])("cidrWithin(%s, %s) = %s", (inner, outer, want) => {
    expect(cidrWithin(inner, outer)).toBe(want);
  });

  it.each([
    ["10.0.0.0/8", "10.1.0.0/16", true],
    ["10.0.0.0/16", "10.1.0.0/16", false],
    ["fd00::/8", "fd12::/16", true],
  ])("cidrOverlaps(%s, %s) = %s", (a, b, want) => {
    expect(cidrOverlaps(a, b)).toBe(want);
  });

  it.each([
    ["0.0.0.0/0", true],
    ["::/0", true],
    ["0:0:0:0:0:0:0:0/0", true],
    ["0.0.0.0/1", false],
    ["10.0.0.0/8", false],
  ])("isWorld(%s) = %s", (c, want) => {
    expect(isWorld(c)).toBe(want);
  });

  it.each([
    ["10.20.0.0/16", true],
    ["172.31.0.0/16", true],
    ["172.32.0.0/16", false],
    ["192.168.0.0/24", true],
    ["100.64.0.0/16", true],
    ["100.128.0.0/16", false],
    ["8.8.8.0/24", false],
    ["fd00:1::/64", true],
    ["2001:db8::/32", false],
  ])("isPrivate(%s) = %s", (c, want) => {
    expect(isPrivate(c)).toBe(want);
  });

  it("parses IPv6 with embedded IPv4 and clears host bits", () => {
    expect(parseCidr("::ffff:10.0.0.1/128")?.family).toBe(6);
    expect(parseCidr("10.1.2.3/8")).toEqual({ family: 4, network: 10n << 24n, prefix: 8 });
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "1:2:3/64", "10.0.0.256/32", "::1::/64", 42])("rejects %s", (bad) => {
    expect(parseCidr(bad)).toBeUndefined();
  });
});
