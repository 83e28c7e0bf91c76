/**
 * The in-cluster admission mirror as pure data: CEL validations for the rules CEL can express, generated from
 * the same baseline data and pack config the preview-time rules use (label keys, pool key, SENSITIVE_POOL,
 * allowed registries, allowed external services). `components/admission/admission.ts` turns these into
 * `ValidatingAdmissionPolicy` + `ValidatingAdmissionPolicyBinding` objects; tests evaluate them with a CEL
 * library against pass and fail objects. Only standard CEL plus `matches`, `exists`, `all`, `has`, `in` is used.
 *
 * Variables bound by the API server and used here: `object` (the admitted object) and `namespaceObject` (its
 * namespace; present for namespaced objects).
 */
import { LABELS, SENSITIVE_POOL } from "../../policy-pack/baseline/labels";
import { ingressValidations, serviceSchemeValidations } from "./ingress-expressions";
import { resolveConfig, type PackConfig } from "../../policy-pack/core/config";
import { allowsDockerHub, celList, celString, registryRegex } from "./cel";

/** Everything the generated CEL depends on; derive it with {@link admissionParams}. */
export interface AdmissionParams {
  /** Label key of the tenant label (the binding selects namespaces that carry it). */
  readonly tenantLabel: string;
  readonly tierLabel: string;
  /** Tier value of sensitive tenants. */
  readonly sensitiveTier: string;
  /** Node label/taint key of pools (pack config `poolLabelKey`). */
  readonly poolKey: string;
  /** Pool value of the sensitive pool. */
  readonly sensitivePool: string;
  /** Registry globs (pack config `allowedRegistries`). */
  readonly allowedRegistries: readonly string[];
  /** `namespace/name` of Services allowed to be NodePort/LoadBalancer (pack config `allowedExternalServices`). */
  readonly allowedExternalServices: readonly string[];
  /** ClusterRoles a RoleBinding in a tenant namespace may reference (they grant no exec and no secrets). */
  readonly bindableClusterRoles: readonly string[];
}

/** Admission parameters from pack config (defaults when silent). */
export function admissionParams(config: Partial<PackConfig> = {}): AdmissionParams {
  const c = resolveConfig(config);
  return {
    tenantLabel: LABELS.tenant,
    tierLabel: LABELS.tier,
    sensitiveTier: "sensitive",
    poolKey: c.poolLabelKey,
    sensitivePool: SENSITIVE_POOL,
    allowedRegistries: c.allowedRegistries,
    allowedExternalServices: c.allowedExternalServices.map((s) => s.name),
    bindableClusterRoles: ["view"],
  };
}

/** One CEL validation, tied to the pack rule it mirrors. */
export interface CelValidation {
  /** Pack rule id mirrored (also the prefix of the message). */
  readonly rule: string;
  readonly expression: string;
  readonly message: string;
  readonly reason: "Forbidden" | "Invalid";
}

/** An admission `resourceRules` entry. */
export interface ResourceRuleData {
  readonly apiGroups: readonly string[];
  readonly apiVersions: readonly string[];
  readonly resources: readonly string[];
  readonly operations: readonly ("CREATE" | "UPDATE")[];
}

/** One generated ValidatingAdmissionPolicy, as data. */
export interface AdmissionPolicyData {
  /** Suffix of the policy name (`<prefix>-<suffix>`). */
  readonly suffix: string;
  readonly description: string;
  readonly resourceRules: readonly ResourceRuleData[];
  readonly validations: readonly CelValidation[];
}

const WRITE_OPS: ResourceRuleData["operations"] = ["CREATE", "UPDATE"];

/** Where each workload kind keeps its pod spec (PSA `admission.go`). */
export const POD_SPEC_TARGETS = [
  {
    suffix: "tenant-pods",
    path: "object.spec",
    resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], resources: ["pods", "pods/ephemeralcontainers"], operations: WRITE_OPS }],
  },
  {
    suffix: "tenant-workloads",
    path: "object.spec.template.spec",
    resourceRules: [
      { apiGroups: ["apps"], apiVersions: ["v1"], resources: ["deployments", "replicasets", "statefulsets", "daemonsets"], operations: WRITE_OPS },
      { apiGroups: ["batch"], apiVersions: ["v1"], resources: ["jobs"], operations: WRITE_OPS },
      { apiGroups: [""], apiVersions: ["v1"], resources: ["replicationcontrollers"], operations: WRITE_OPS },
    ],
  },
  {
    suffix: "tenant-cronjobs",
    path: "object.spec.jobTemplate.spec.template.spec",
    resourceRules: [{ apiGroups: ["batch"], apiVersions: ["v1"], resources: ["cronjobs"], operations: WRITE_OPS }],
  },
] as const;

const CONTAINER_FIELDS = ["containers", "initContainers", "ephemeralContainers"] as const;

/** CEL: `pred` (over container `c`) holds for every container, init container and ephemeral container of `spec`. */
export function allContainers(spec: string, pred: string): string {
  return CONTAINER_FIELDS.map((f) => `(!has(${spec}.${f}) || ${spec}.${f}.all(c, ${pred}))`).join(" && ");
}

/** CEL: the admitted object's namespace is a sensitive tenant. */
export function isSensitiveNamespace(p: AdmissionParams): string {
  const tier = celString(p.tierLabel);
  return `(has(namespaceObject.metadata.labels) && ${tier} in namespaceObject.metadata.labels && namespaceObject.metadata.labels[${tier}] == ${celString(p.sensitiveTier)})`;
}

/** CEL: `spec` tolerates the sensitive pool's taint exactly (key, Equal, value, NoSchedule or any effect). */
export function toleratesSensitivePool(spec: string, p: AdmissionParams): string {
  return (
    `(has(${spec}.tolerations) && ${spec}.tolerations.exists(t, has(t.key) && t.key == ${celString(p.poolKey)} && ` +
    `(!has(t.operator) || t.operator == "Equal") && has(t.value) && t.value == ${celString(p.sensitivePool)} && ` +
    `(!has(t.effect) || t.effect == "" || t.effect == "NoSchedule")))`
  );
}

/** CEL: `spec` could tolerate the sensitive pool's taint at all (including `operator: Exists` with or without key). */
export function mayTolerateSensitivePool(spec: string, p: AdmissionParams): string {
  const key = celString(p.poolKey);
  return (
    `(has(${spec}.tolerations) && ${spec}.tolerations.exists(t, ` +
    `(has(t.operator) && t.operator == "Exists" && (!has(t.key) || t.key == "" || t.key == ${key})) || ` +
    `(has(t.key) && t.key == ${key} && has(t.value) && t.value == ${celString(p.sensitivePool)})))`
  );
}

function requiredNodeAffinity(spec: string): { guard: string; terms: string } {
  const na = `${spec}.affinity.nodeAffinity`;
  return {
    guard: `has(${spec}.affinity) && has(${na}) && has(${na}.requiredDuringSchedulingIgnoredDuringExecution)`,
    terms: `${na}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`,
  };
}

/** CEL: `spec` selects the sensitive pool via `nodeSelector`. */
function nodeSelectorSelects(spec: string, p: AdmissionParams): string {
  const key = celString(p.poolKey);
  return `(has(${spec}.nodeSelector) && ${key} in ${spec}.nodeSelector && ${spec}.nodeSelector[${key}] == ${celString(p.sensitivePool)})`;
}

/** CEL: `spec` is pinned to the sensitive pool (nodeSelector, or every required affinity term `K In [V]`). */
export function pinnedToSensitivePool(spec: string, p: AdmissionParams): string {
  const { guard, terms } = requiredNodeAffinity(spec);
  const key = celString(p.poolKey);
  const value = celString(p.sensitivePool);
  const affinity =
    `(${guard} && ${terms}.size() > 0 && ${terms}.all(term, has(term.matchExpressions) && term.matchExpressions.exists(e, ` +
    `e.key == ${key} && e.operator == "In" && has(e.values) && e.values.size() > 0 && e.values.all(x, x == ${value}))))`;
  return `(${nodeSelectorSelects(spec, p)} || ${affinity})`;
}

/** CEL: `spec` asks for the sensitive pool in any way (nodeSelector, or a required affinity term admitting it). */
export function selectsSensitivePool(spec: string, p: AdmissionParams): string {
  const { guard, terms } = requiredNodeAffinity(spec);
  const affinity =
    `(${guard} && ${terms}.exists(term, has(term.matchExpressions) && term.matchExpressions.exists(e, ` +
    `e.key == ${celString(p.poolKey)} && e.operator == "In" && has(e.values) && ${celString(p.sensitivePool)} in e.values)))`;
  return `(${nodeSelectorSelects(spec, p)} || ${affinity})`;
}

/** CEL: every container image comes from an allowed registry (IMG-001 parsing: no explicit registry = Docker Hub). */
export function imageFromAllowedRegistry(image: string, p: AdmissionParams): string {
  const explicit = `${image}.matches(${celString(registryRegex(p.allowedRegistries))})`;
  if (!allowsDockerHub(p.allowedRegistries)) return explicit;
  const hasExplicitRegistry = `(${image}.matches(${celString("^[^/]*[.:][^/]*/")}) || ${image}.startsWith("localhost/"))`;
  return `(${explicit} || !${hasExplicitRegistry})`;
}

/** The validations of a pod spec at `spec` (a CEL path such as `object.spec.template.spec`). */
export function podSpecValidations(spec: string, p: AdmissionParams): CelValidation[] {
  const sensitive = isSensitiveNamespace(p);
  const pool = `${p.poolKey}=${p.sensitivePool}`;
  return [
    {
      rule: "NODE-006",
      expression: `!${sensitive} || (${toleratesSensitivePool(spec, p)} && ${pinnedToSensitivePool(spec, p)})`,
      message: `NODE-006: pods of a sensitive tenant must tolerate the ${pool}:NoSchedule taint AND select ${pool} (nodeSelector or required node affinity)`,
      reason: "Forbidden",
    },
    {
      rule: "NODE-006",
      expression: `${sensitive} || (!${selectsSensitivePool(spec, p)} && !${mayTolerateSensitivePool(spec, p)})`,
      message: `NODE-006: pods of a non-sensitive tenant must neither select nor tolerate the sensitive pool (${pool})`,
      reason: "Forbidden",
    },
    {
      rule: "IMG-001",
      expression: allContainers(spec, `has(c.image) && ${imageFromAllowedRegistry("c.image", p)}`),
      message: `IMG-001: every container image must come from an allowed registry (${p.allowedRegistries.join(", ") || "none configured"})`,
      reason: "Forbidden",
    },
    {
      rule: "PSS-B03",
      expression: allContainers(spec, "!has(c.securityContext) || !has(c.securityContext.privileged) || c.securityContext.privileged == false"),
      message: "PSS-B03: containers in tenant namespaces must not be privileged",
      reason: "Forbidden",
    },
    {
      rule: "PSS-B05",
      expression: `!has(${spec}.volumes) || ${spec}.volumes.all(v, !has(v.hostPath))`,
      message: "PSS-B05: tenant pods must not mount hostPath volumes",
      reason: "Forbidden",
    },
    {
      rule: "PSS-B02",
      expression: ["hostNetwork", "hostPID", "hostIPC"].map((f) => `!(has(${spec}.${f}) && ${spec}.${f} == true)`).join(" && "),
      message: "PSS-B02: tenant pods must not use hostNetwork, hostPID or hostIPC",
      reason: "Forbidden",
    },
  ];
}

/** Service validations: no NodePort/LoadBalancer (unless allow-listed), no externalIPs (SVC-001/SVC-002). */
export function serviceValidations(p: AdmissionParams): CelValidation[] {
  return [
    {
      rule: "SVC-001",
      expression:
        `!has(object.spec.type) || !(object.spec.type in ["NodePort", "LoadBalancer"]) || ` +
        `(has(object.metadata.name) && (object.metadata.namespace + "/" + object.metadata.name) in ${celList(p.allowedExternalServices)})`,
      message: "SVC-001: tenant Services must be ClusterIP (NodePort/LoadBalancer only when listed in allowedExternalServices)",
      reason: "Forbidden",
    },
    {
      rule: "SVC-002",
      expression: "!has(object.spec.externalIPs) || object.spec.externalIPs.size() == 0",
      message: "SVC-002: Services must not set spec.externalIPs (CVE-2020-8554)",
      reason: "Forbidden",
    },
  ];
}

/** Subresources whose grant lets a subject run commands in or tunnel into pods (RBAC-003), plus wildcards covering them. */
export const EXEC_RESOURCES = ["pods/exec", "pods/attach", "pods/portforward", "pods/ephemeralcontainers", "pods/*", "*"] as const;

/** Role validations: no exec/attach/portforward (RBAC-003), no escalate/bind/impersonate (RBAC-004), no `*` verbs (RBAC-001). */
export function roleValidations(): CelValidation[] {
  const coreGroup = `(!has(r.apiGroups) || r.apiGroups.exists(g, g == "" || g == "*"))`;
  return [
    {
      rule: "RBAC-003",
      expression: `!has(object.rules) || object.rules.all(r, !(${coreGroup} && has(r.resources) && r.resources.exists(x, x in ${celList(EXEC_RESOURCES)})))`,
      message: "RBAC-003: Roles in tenant namespaces must not grant pods/exec, pods/attach, pods/portforward or pods/ephemeralcontainers",
      reason: "Forbidden",
    },
    {
      rule: "RBAC-004",
      expression: `!has(object.rules) || object.rules.all(r, !r.verbs.exists(v, v in ["escalate", "bind", "impersonate"]))`,
      message: "RBAC-004: Roles in tenant namespaces must not grant escalate, bind or impersonate",
      reason: "Forbidden",
    },
    {
      rule: "RBAC-001",
      expression: `!has(object.rules) || object.rules.all(r, !("*" in r.verbs))`,
      message: "RBAC-001: Roles in tenant namespaces must list verbs, not *",
      reason: "Forbidden",
    },
  ];
}

/** RoleBinding validations: bind Roles, or only the listed ClusterRoles (`admin`/`edit` grant pods/exec). */
export function roleBindingValidations(p: AdmissionParams): CelValidation[] {
  return [
    {
      rule: "RBAC-003",
      expression: `object.roleRef.kind == "Role" || object.roleRef.name in ${celList(p.bindableClusterRoles)}`,
      message: `RBAC-003: RoleBindings in tenant namespaces must reference a Role (or ClusterRole ${p.bindableClusterRoles.join(", ")}): built-in admin/edit grant pods/exec`,
      reason: "Forbidden",
    },
  ];
}

/** Keys an ASCP object entry may carry besides `objectName` and `objectType` (jmesPath items: `path`, `objectAlias`). */
export const SECRET_OBJECT_KEYS = ["objectAlias", "objectVersion", "objectVersionLabel", "jmesPath", "path", "failoverObject", "filePermission"] as const;

/**
 * SecretProviderClass validations (SEC-002): an `aws` provider class in a tenant namespace reads with Pod
 * Identity, and its `objects` YAML names only Secrets Manager secrets `<prefix>/<tenant>/…` of the namespace's
 * tenant (its tenant label). Standard CEL cannot parse YAML, so `objects` must match, line by line, an RE2
 * pattern built with the tenant: every `objectName` under the tenant's prefix (name or secret ARN), every
 * `objectType` `secretsmanager`, other lines only the other ASCP object keys. The platform writes that form.
 */
export function secretProviderClassValidations(p: AdmissionParams): CelValidation[] {
  const notAws = `!has(object.spec.provider) || object.spec.provider != "aws"`;
  const params = "object.spec.parameters";
  const lead = "[ \\t]*(?:-[ \\t]+)?";
  // `{0,1}`, not `?`: the mirror's expressions never contain `?[` (CEL optional syntax the API server may lack).
  const quote = "[\\\"']{0,1}";
  const before =
    `^(?:${lead}(?:(?:${SECRET_OBJECT_KEYS.join("|")})[ \\t]*:[^\\n]*|objectType[ \\t]*:[ \\t]*${quote}secretsmanager${quote}|` +
    `objectName[ \\t]*:[ \\t]*${quote}(?:arn:[^:\\n]*:secretsmanager:[^:\\n]*:[^:\\n]*:secret:){0,1}[A-Za-z0-9_+=.@-]+/`;
  const after = `/[A-Za-z0-9/_+=.@-]+${quote}){0,1}[ \\t]*(?:\\n|$))*$`;
  const tenant = `namespaceObject.metadata.labels[${celString(p.tenantLabel)}]`;
  return [
    {
      rule: "SEC-002",
      expression: `${notAws} || (has(${params}) && "usePodIdentity" in ${params} && ${params}["usePodIdentity"] == "true")`,
      message: 'SEC-002: an aws SecretProviderClass in a tenant namespace must set parameters.usePodIdentity "true" (the tenant\'s Pod Identity role, never IRSA or the node role)',
      reason: "Forbidden",
    },
    {
      rule: "SEC-002",
      expression: `${notAws} || !has(${params}) || !("objects" in ${params}) || ${params}["objects"].matches("${before}" + ${tenant} + "${after}")`,
      message: "SEC-002: an aws SecretProviderClass in a tenant namespace may mount only Secrets Manager secrets <prefix>/<tenant>/... of the namespace's tenant",
      reason: "Forbidden",
    },
  ];
}

/** Every admission policy of the mirror, as data. */
export function admissionPolicies(p: AdmissionParams): AdmissionPolicyData[] {
  return [
    ...POD_SPEC_TARGETS.map((t) => ({
      suffix: t.suffix,
      description: `Pod placement, registries and host access for ${t.resourceRules.flatMap((r) => r.resources).join(", ")} in tenant namespaces`,
      resourceRules: t.resourceRules,
      validations: podSpecValidations(t.path, p),
    })),
    {
      suffix: "tenant-services",
      description: "No external Services in tenant namespaces",
      resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], resources: ["services"], operations: WRITE_OPS }],
      validations: [...serviceValidations(p), ...serviceSchemeValidations()],
    },
    {
      suffix: "tenant-ingresses",
      description: "Tenant Ingresses stay internal (the platform decides internet-facing)",
      resourceRules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], resources: ["ingresses"], operations: WRITE_OPS }],
      validations: ingressValidations(),
    },
    {
      suffix: "tenant-roles",
      description: "No exec/attach/portforward or escalation grants in tenant Roles",
      resourceRules: [{ apiGroups: ["rbac.authorization.k8s.io"], apiVersions: ["v1"], resources: ["roles"], operations: WRITE_OPS }],
      validations: roleValidations(),
    },
    {
      suffix: "tenant-rolebindings",
      description: "Tenant RoleBindings reference tenant Roles",
      resourceRules: [{ apiGroups: ["rbac.authorization.k8s.io"], apiVersions: ["v1"], resources: ["rolebindings"], operations: WRITE_OPS }],
      validations: roleBindingValidations(p),
    },
    {
      suffix: "tenant-secret-provider-classes",
      description: "Tenant SecretProviderClasses read only the tenant's own secrets, with Pod Identity",
      resourceRules: [{ apiGroups: ["secrets-store.csi.x-k8s.io"], apiVersions: ["v1"], resources: ["secretproviderclasses"], operations: WRITE_OPS }],
      validations: secretProviderClassValidations(p),
    },
  ];
}
