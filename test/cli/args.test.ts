import { parseCommandLine } from "../../cli/args";
import { InputError } from "../../cli/errors";

describe("parseCommandLine", () => {
  it("defaults preview to the dev stack of this project", () => {
    expect(parseCommandLine(["preview"])).toMatchObject({ command: "preview", stack: "dev", program: undefined, quiet: false });
  });

  it("reads every preview flag", () => {
    const args = parseCommandLine(["preview", "--program", "examples/team", "--stack", "prod", "--json", "a.json", "--sarif", "a.sarif", "--markdown", "a.md", "--quiet"]);
    expect(args).toMatchObject({ command: "preview", program: "examples/team", stack: "prod", json: "a.json", sarif: "a.sarif", markdown: "a.md", quiet: true });
  });

  it("splits --only groups on commas and accepts '-' for stdin", () => {
    expect(parseCommandLine(["scan", "--only", "pss-restricted,rbac", "--format", "json", "-"])).toMatchObject({
      command: "scan",
      only: ["pss-restricted", "rbac"],
      format: "json",
      paths: ["-"],
    });
  });

  it.each([
    [["bogus"], /unknown command 'bogus'/],
    [["preview", "--nope"], /unknown flag --nope/],
    [["preview", "extra"], /unexpected argument 'extra'/],
    [["scan"], /at least one PATH/],
    [["scan", "--format", "xml", "a.yaml"], /unknown --format 'xml'/],
    [["preview", "--stack"], /--stack/],
  ])("rejects %j with one line naming the input", (argv, message) => {
    let thrown: unknown;
    try {
      parseCommandLine(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain("\n");
  });

  it("treats no arguments and --help as help", () => {
    expect(parseCommandLine([])).toEqual({ command: "help" });
    expect(parseCommandLine(["scan", "--help"])).toEqual({ command: "help", topic: "scan" });
  });
});
