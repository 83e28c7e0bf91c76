import { resolveConfig, type PackConfig } from "./config";
import type { Rule } from "./rule";

/** An enforcement level as the SDK's server resolves it (`remediate` included: a configured level may say so). */
export type ResolvedLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy's entry of a `configure` request: its properties plus the configured level, if any. */
export type PolicyConfigEntry = Readonly<Record<string, unknown>> & { readonly enforcementLevel?: string };

/**
 * The per-rule settings the pack's `configure` request carries, resolved the way `@pulumi/policy`'s server
 * resolves them for each of its policies (`server.js`: the configured level, else the policy's, else the pack's;
 * `getConfig()` = the policy's entry without `enforcementLevel`), computed once per `configure` instead of once
 * per resource and rule.
 */
export class RuleSettings {
  private readonly levels = new Map<string, ResolvedLevel>();
  private readonly configs = new Map<string, PackConfig>();
  private readonly byContent = new Map<string, PackConfig>();

  /**
   * @param entries the `configure` map (policy name → properties + `enforcementLevel`), `{}` before any configure
   * @param packLevel the pack's own enforcement level (`new PolicyPack(…, { enforcementLevel })`)
   */
  constructor(
    private readonly entries: Readonly<Record<string, PolicyConfigEntry>>,
    private readonly packLevel: string,
  ) {}

  /** The level a rule runs at: `disabled` skips it, `remediate` reports as `mandatory` (no rule remediates). */
  levelOf(rule: Rule): ResolvedLevel {
    let level = this.levels.get(rule.name);
    if (level === undefined) {
      level = (this.entries[rule.name]?.enforcementLevel || rule.enforcementLevel || this.packLevel) as ResolvedLevel;
      this.levels.set(rule.name, level);
    }
    return level;
  }

  /** The level a rule's findings are reported at (`remediate` downgraded to `mandatory`, as the SDK does). */
  reportLevelOf(rule: Rule): "advisory" | "mandatory" {
    const level = this.levelOf(rule);
    return level === "advisory" ? "advisory" : "mandatory";
  }

  /** The rule's resolved pack config: its `configure` properties over the defaults. */
  configOf(rule: Rule): PackConfig {
    let config = this.configs.get(rule.name);
    if (config === undefined) {
      const { enforcementLevel: _level, ...properties } = this.entries[rule.name] ?? {};
      // Rules configured alike (shared settings fan out to every policy) share one resolved object, so what a
      // rule derives from its config and the resource (e.g. the PSS context) is derived once for all of them.
      const key = JSON.stringify(properties);
      config = this.byContent.get(key);
      if (config === undefined) {
        config = resolveConfig(properties as Partial<PackConfig>);
        this.byContent.set(key, config);
      }
      this.configs.set(rule.name, config);
    }
    return config;
  }
}
