import { FilterPatternError, matchesFilterPattern, parseFilterPattern } from "../../../components/detection/filter-pattern";

const event = {
  verb: "update",
  user: { username: "alice", groups: ["dev", "system:authenticated"] },
  objectRef: { resource: "secrets", namespace: "team-a" },
  responseStatus: { code: 403 },
  requestURI: "/healthz/etcd",
};

describe("CloudWatch JSON filter pattern evaluator", () => {
  it.each([
    ['{ $.verb = "update" }', true],
    ['{ $.verb = "create" }', false],
    ['{ $.verb != "create" }', true],
    ['{ $.objectRef.resource = "secrets" && $.verb = "update" }', true],
    ['{ ($.objectRef.resource = "secrets") && (($.verb = "create") || ($.verb = "delete")) }', false],
    ['{ ($.verb = "create") || ($.verb = "update") }', true],
    ["{ $.responseStatus.code = 403 }", true],
    ["{ $.responseStatus.code >= 400 && $.responseStatus.code < 500 }", true],
    ["{ $.responseStatus.code = 401 }", false],
    ['{ $.user.groups[1] = "system:authenticated" }', true],
    ['{ $.user.groups[0] = "system:authenticated" }', false],
    ['{ $.requestURI = "/healthz*" }', true],
    ['{ $.requestURI != "/healthz*" }', false],
    ['{ $.requestURI = "*etcd" }', true],
    // Missing field: every comparison is false, even !=.
    ['{ $.objectRef.subresource = "exec" }', false],
    ['{ $.objectRef.subresource != "exec" }', false],
    // An object is not a scalar.
    ['{ $.objectRef = "secrets" }', false],
    // && binds tighter than ||.
    ['{ $.verb = "create" && $.verb = "x" || $.verb = "update" }', true],
  ])("%s → %s", (pattern, expected) => {
    expect(matchesFilterPattern(pattern, event)).toBe(expected);
  });

  it("treats a dot in a string literally, not as a regex wildcard", () => {
    expect(matchesFilterPattern('{ $.v = "a.c" }', { v: "abc" })).toBe(false);
    expect(matchesFilterPattern('{ $.v = "a.c" }', { v: "a.c" })).toBe(true);
  });

  it.each([
    ['$.verb = "x"', /expected lbrace/],
    ['{ $.verb = "x" ', /expected rbrace/],
    ['{ $.verb "x" }', /comparison operator/],
    ['{ $.verb > "x" }', /needs a number/],
    ['{ ($.verb = "x" }', /expected rparen/],
    ['{ $.verb = "x }', /unterminated string/],
    ['{ $ = "x" }', /at least one field/],
    ['{ $.verb = "x" } extra', /trailing input/],
    ['{ $.verb = "x" ; }', /unexpected character/],
  ])("rejects %s", (pattern, message) => {
    expect(() => parseFilterPattern(pattern)).toThrow(FilterPatternError);
    expect(() => parseFilterPattern(pattern)).toThrow(message);
  });
});
