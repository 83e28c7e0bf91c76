import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as tls from "@pulumi/tls";
import { LBC_CLUSTER_RULES, LBC_LEADER_ELECTION_RULES } from "./rbac";
import { LBC_DEPLOYER_NAMESPACE_RULES } from "./deployer-rbac";
import { controllerPolicySpec } from "./policies";
import { exemptionKey } from "../../policy-pack/core/exemptions";
import { LBC_APP_NAME, LBC_HEALTH_PORT, LBC_NAMESPACE, LBC_SERVICE_ACCOUNT, LBC_TLS_SECRET, LBC_VERSION, LBC_WEBHOOK_PORT, LBC_WEBHOOK_SERVICE, lbcImage } from "./version";

/** Name of the controller's NetworkPolicy (strict mode: DNS, HTTPS, the Pod Identity Agent; webhook ingress). */
export const LBC_POLICY_NAME = "aws-load-balancer-controller";
/** Name of the webhook configurations (chart `<namePrefix>-webhook`). */
export const LBC_WEBHOOK_CONFIG = "aws-load-balancer-webhook";
/** The vendored upstream CRDs (IngressClassParams, TargetGroupBinding) of {@link LBC_VERSION}. */
export const LBC_CRDS_FILE = path.join(__dirname, "upstream", "crds.yaml");

/**
 * The IMG-001 exemption the controller's Deployment carries while it runs the AWS-published image: the stack's
 * `allowedRegistries` stay the tenants' registry (the admission mirror enforces the same list in tenant
 * namespaces), and this one platform workload says why it pulls from the regional EKS add-on registry instead.
 */
export const LBC_IMAGE_EXEMPTION = {
  [exemptionKey("IMG-001")]: `AWS-published AWS Load Balancer Controller ${LBC_VERSION} from the regional EKS add-on registry (account 602401143452), pinned to its release tag`,
};

/** Container resources of the controller (the chart sets none; sized for a few hundred Ingresses). */
export const LBC_RESOURCES = { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } } as const;

/** Args of {@link LoadBalancerController}. */
export interface LoadBalancerControllerArgs {
  /** EKS cluster name (`--cluster-name`): the controller tags and discovers subnets by it. */
  readonly clusterName: pulumi.Input<string>;
  /** AWS region (`--aws-region`), so the controller never asks IMDS (hop limit 1 blocks pods). */
  readonly region: string;
  /** VPC id (`--aws-vpc-id`), for the same reason. */
  readonly vpcId: pulumi.Input<string>;
  /**
   * Backend security group attached to every load balancer (`--backend-security-group`): the one the pod SG admits
   * on the declared target ports. Default: the controller creates and manages its own.
   */
  readonly backendSecurityGroupId?: pulumi.Input<string>;
  /**
   * Where the API server calls the webhooks from: the VPC CIDR (EKS uses cross-account ENIs in the cluster
   * subnets). The controller's NetworkPolicy admits 9443 only from these. Default: any source (port only).
   */
  readonly apiServerCidrs?: readonly string[];
  /** Container image. Default: {@link lbcImage} of `region` (the EKS add-on registry, tag {@link LBC_VERSION}). */
  readonly image?: string;
  /** Replicas (leader election keeps one active). Default 2. */
  readonly replicas?: number;
  /** Pod labels/tolerations of the pool to run on (the system pool). Default none. */
  readonly nodeSelector?: Record<string, string>;
  /** Tolerations matching `nodeSelector`'s pool taints. Default none. */
  readonly tolerations?: k8s.types.input.core.v1.Toleration[];
  /**
   * Split layout: the Kubernetes group of the in-cluster stack's deployer. A Role of that name
   * (`hardened-cluster-deployer`, a platform role) in the controller's namespace lets it keep the namespaced
   * objects (Deployment, Service, Secret, ServiceAccount) without any cluster-wide workload or Secret rights;
   * it is created on the deployer's first (bootstrap cluster-admin) run. Default none (same-stack layout).
   */
  readonly deployerGroup?: string;
  /** Kubernetes provider of the cluster. */
  readonly provider: k8s.Provider;
}

/** Name of the deployer's Role and RoleBinding in the controller's namespace (matches the deployer's platform role). */
export const LBC_DEPLOYER_ROLE = "hardened-cluster-deployer";

const LABELS = { "app.kubernetes.io/managed-by": "hardened-cluster", "hardened-cluster.io/component": "ingress" };
const SELECTOR = { "app.kubernetes.io/name": LBC_APP_NAME, "app.kubernetes.io/instance": LBC_APP_NAME };

/**
 * The controller's arguments: the chart's required `--cluster-name`, region and VPC pinned (no IMDS lookups),
 * ip targets by default (pods are reached on their own ENIs, which carry the pod security group), internal
 * scheme by default, and the chart's default webhook port.
 */
export function controllerArgs(clusterName: string, region: string, vpcId: string, backendSecurityGroupId?: string): string[] {
  return [
    `--cluster-name=${clusterName}`,
    "--ingress-class=alb",
    `--aws-region=${region}`,
    `--aws-vpc-id=${vpcId}`,
    "--default-target-type=ip",
    "--default-load-balancer-scheme=internal",
    `--webhook-bind-port=${LBC_WEBHOOK_PORT}`,
    ...(backendSecurityGroupId ? [`--backend-security-group=${backendSecurityGroupId}`] : []),
  ];
}

/** The webhook Service's in-cluster DNS names (the serving certificate's SANs, as the chart's cert-manager Certificate). */
export function webhookDnsNames(namespace: string = LBC_NAMESPACE): string[] {
  return [`${LBC_WEBHOOK_SERVICE}.${namespace}.svc`, `${LBC_WEBHOOK_SERVICE}.${namespace}.svc.cluster.local`];
}

/**
 * The AWS Load Balancer Controller ({@link LBC_VERSION}) as explicit objects, so the pack judges each one:
 * its namespace (PSA `restricted`) and strict-mode NetworkPolicy, the two upstream CRDs (vendored, loaded with
 * `k8s.yaml.v2.ConfigFile`), ServiceAccount, RBAC from the chart, the webhook serving certificate from
 * `@pulumi/tls` (a private CA and a leaf for the webhook Service; no cert-manager) in a TLS Secret, the
 * Deployment (PSS restricted, resources set), the webhook Service and the mutating/validating webhook
 * configurations of the chart (pod readiness gates, TargetGroupBinding, IngressClassParams and Ingress
 * validation; the Service mutator is left out: tenants get Ingresses, not Services of type LoadBalancer).
 * The AWS identity is {@link LoadBalancerControllerIdentity}'s (Pod Identity for {@link LBC_SERVICE_ACCOUNT}).
 * The serving certificate is valid one year and renewed by the first `pulumi up` in its last 30 days.
 */
export class LoadBalancerController extends pulumi.ComponentResource {
  readonly namespace: k8s.core.v1.Namespace;
  readonly crds: k8s.yaml.v2.ConfigFile;
  readonly deployment: k8s.apps.v1.Deployment;
  readonly validatingWebhook: k8s.admissionregistration.v1.ValidatingWebhookConfiguration;
  readonly mutatingWebhook: k8s.admissionregistration.v1.MutatingWebhookConfiguration;

  constructor(name: string, args: LoadBalancerControllerArgs, opts?: pulumi.ComponentResourceOptions) {
    const replicas = args.replicas ?? 2;
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) throw new Error(`LoadBalancerController ${name}: replicas ${replicas} must be an integer 1-5`);
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) throw new Error(`LoadBalancerController ${name}: region "${args.region}" is not an AWS region such as eu-west-1`);
    super("hardened-cluster:ingress:LoadBalancerController", name, {}, opts);
    const o = { parent: this, provider: args.provider };
    const ns = LBC_NAMESPACE;
    const labels = { ...LABELS, ...SELECTOR };

    this.namespace = new k8s.core.v1.Namespace(
      `${name}-ns`,
      {
        metadata: {
          name: ns,
          labels: { ...LABELS, "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/warn": "restricted" },
        },
      },
      o,
    );
    const deployerRights: pulumi.Resource[] = [];
    if (args.deployerGroup) {
      const role = new k8s.rbac.v1.Role(
        `${name}-deployer`,
        { metadata: { name: LBC_DEPLOYER_ROLE, namespace: ns, labels: LABELS }, rules: LBC_DEPLOYER_NAMESPACE_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) },
        { ...o, dependsOn: [this.namespace] },
      );
      const binding = new k8s.rbac.v1.RoleBinding(
        `${name}-deployer`,
        {
          metadata: { name: LBC_DEPLOYER_ROLE, namespace: ns, labels: LABELS },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: LBC_DEPLOYER_ROLE },
          subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: args.deployerGroup }],
        },
        { ...o, dependsOn: [role] },
      );
      deployerRights.push(role, binding);
    }
    const inNs = { ...o, dependsOn: [this.namespace, ...deployerRights] };
    const spec = controllerPolicySpec(args.apiServerCidrs);
    const policy = new k8s.networking.v1.NetworkPolicy(
      `${name}-netpol`,
      { metadata: { name: LBC_POLICY_NAME, namespace: ns, labels: LABELS }, spec: { podSelector: spec.podSelector, policyTypes: [...spec.policyTypes], ingress: spec.ingress?.map((r) => ({ ...r })), egress: spec.egress?.map((r) => ({ ...r })) } },
      inNs,
    );
    this.crds = new k8s.yaml.v2.ConfigFile(`${name}-crds`, { file: LBC_CRDS_FILE }, o);

    const sa = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata: { name: LBC_SERVICE_ACCOUNT, namespace: ns, labels } }, inNs);
    const leaderRole = new k8s.rbac.v1.Role(
      `${name}-leader-election`,
      { metadata: { name: `${LBC_APP_NAME}-leader-election-role`, namespace: ns, labels }, rules: LBC_LEADER_ELECTION_RULES.map((r) => ({ ...r, apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs], resourceNames: r.resourceNames ? [...r.resourceNames] : undefined })) },
      inNs,
    );
    const leaderBinding = new k8s.rbac.v1.RoleBinding(
      `${name}-leader-election`,
      {
        metadata: { name: `${LBC_APP_NAME}-leader-election-rolebinding`, namespace: ns, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: leaderRole.metadata.name },
        subjects: [{ kind: "ServiceAccount", name: LBC_SERVICE_ACCOUNT, namespace: ns }],
      },
      inNs,
    );
    const clusterRole = new k8s.rbac.v1.ClusterRole(
      `${name}-role`,
      { metadata: { name: `${LBC_APP_NAME}-role`, labels }, rules: LBC_CLUSTER_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) },
      o,
    );
    const clusterBinding = new k8s.rbac.v1.ClusterRoleBinding(
      `${name}-rolebinding`,
      {
        metadata: { name: `${LBC_APP_NAME}-rolebinding`, labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: clusterRole.metadata.name },
        subjects: [{ kind: "ServiceAccount", name: LBC_SERVICE_ACCOUNT, namespace: ns }],
      },
      o,
    );

    // Webhook serving certificate: a private CA (its certificate is every webhook's caBundle) and a leaf for the Service.
    const caKey = new tls.PrivateKey(`${name}-webhook-ca`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
    const ca = new tls.SelfSignedCert(
      `${name}-webhook-ca`,
      {
        privateKeyPem: caKey.privateKeyPem,
        isCaCertificate: true,
        validityPeriodHours: 5 * 8760,
        earlyRenewalHours: 720,
        allowedUses: ["cert_signing", "crl_signing"],
        subject: { commonName: `${LBC_APP_NAME}-webhook-ca`, organization: "hardened-cluster" },
      },
      { parent: this },
    );
    const leafKey = new tls.PrivateKey(`${name}-webhook`, { algorithm: "ECDSA", ecdsaCurve: "P256" }, { parent: this });
    const csr = new tls.CertRequest(`${name}-webhook`, { privateKeyPem: leafKey.privateKeyPem, dnsNames: webhookDnsNames(ns), subject: { commonName: webhookDnsNames(ns)[0] } }, { parent: this });
    const leaf = new tls.LocallySignedCert(
      `${name}-webhook`,
      {
        certRequestPem: csr.certRequestPem,
        caPrivateKeyPem: caKey.privateKeyPem,
        caCertPem: ca.certPem,
        validityPeriodHours: 8760,
        earlyRenewalHours: 720,
        allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
      },
      { parent: this },
    );
    const secret = new k8s.core.v1.Secret(
      `${name}-tls`,
      {
        metadata: { name: LBC_TLS_SECRET, namespace: ns, labels },
        type: "kubernetes.io/tls",
        stringData: { "ca.crt": ca.certPem, "tls.crt": leaf.certPem, "tls.key": pulumi.secret(leafKey.privateKeyPem) },
      },
      inNs,
    );

    const args$ = pulumi.all([args.clusterName, args.vpcId, args.backendSecurityGroupId]).apply(([c, v, sg]) => controllerArgs(c, args.region, v, sg));
    this.deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: { name: LBC_APP_NAME, namespace: ns, labels, annotations: args.image === undefined ? { ...LBC_IMAGE_EXEMPTION } : {} },
        spec: {
          replicas,
          revisionHistoryLimit: 10,
          selector: { matchLabels: SELECTOR },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: LBC_SERVICE_ACCOUNT,
              automountServiceAccountToken: true,
              priorityClassName: "system-cluster-critical",
              terminationGracePeriodSeconds: 10,
              securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
              volumes: [{ name: "cert", secret: { secretName: LBC_TLS_SECRET, defaultMode: 0o444 } }],
              containers: [
                {
                  name: LBC_APP_NAME,
                  image: args.image ?? lbcImage(args.region),
                  imagePullPolicy: "IfNotPresent",
                  args: args$,
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } },
                  volumeMounts: [{ name: "cert", mountPath: "/tmp/k8s-webhook-server/serving-certs", readOnly: true }],
                  ports: [
                    { name: "webhook-server", containerPort: LBC_WEBHOOK_PORT, protocol: "TCP" },
                    { name: "metrics-server", containerPort: 8080, protocol: "TCP" },
                  ],
                  resources: { requests: { ...LBC_RESOURCES.requests }, limits: { ...LBC_RESOURCES.limits } },
                  livenessProbe: { failureThreshold: 2, httpGet: { path: "/healthz", port: LBC_HEALTH_PORT, scheme: "HTTP" }, initialDelaySeconds: 30, timeoutSeconds: 10 },
                  readinessProbe: { failureThreshold: 2, httpGet: { path: "/readyz", port: LBC_HEALTH_PORT, scheme: "HTTP" }, successThreshold: 1, initialDelaySeconds: 10, timeoutSeconds: 10 },
                },
              ],
              nodeSelector: args.nodeSelector,
              tolerations: args.tolerations,
              affinity: {
                podAntiAffinity: {
                  preferredDuringSchedulingIgnoredDuringExecution: [
                    { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: [LBC_APP_NAME] }] }, topologyKey: "kubernetes.io/hostname" } },
                  ],
                },
              },
            },
          },
        },
      },
      { ...inNs, dependsOn: [this.namespace, policy, sa, secret, leaderBinding, clusterBinding, this.crds] },
    );
    const service = new k8s.core.v1.Service(
      `${name}-webhook-service`,
      {
        metadata: { name: LBC_WEBHOOK_SERVICE, namespace: ns, labels: { ...labels, "app.kubernetes.io/component": "webhook" } },
        spec: { ports: [{ port: 443, name: "webhook-server", targetPort: "webhook-server" }], selector: SELECTOR },
      },
      inNs,
    );

    const caBundle = ca.certPem.apply((pem) => Buffer.from(pem).toString("base64"));
    const clientConfig = (p: string) => ({ caBundle, service: { name: LBC_WEBHOOK_SERVICE, namespace: ns, path: p } });
    const notSelf = { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "NotIn", values: [LBC_APP_NAME] }] };
    const ready = { ...o, dependsOn: [this.deployment, service] };
    this.mutatingWebhook = new k8s.admissionregistration.v1.MutatingWebhookConfiguration(
      `${name}-mutating`,
      {
        metadata: { name: LBC_WEBHOOK_CONFIG, labels },
        webhooks: [
          {
            name: "mpod.elbv2.k8s.aws",
            clientConfig: clientConfig("/mutate-v1-pod"),
            failurePolicy: "Ignore",
            admissionReviewVersions: ["v1beta1"],
            namespaceSelector: { matchExpressions: [{ key: "elbv2.k8s.aws/pod-readiness-gate-inject", operator: "In", values: ["enabled"] }] },
            objectSelector: notSelf,
            rules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }],
            sideEffects: "None",
          },
          {
            name: "mtargetgroupbinding.elbv2.k8s.aws",
            clientConfig: clientConfig("/mutate-elbv2-k8s-aws-v1beta1-targetgroupbinding"),
            failurePolicy: "Fail",
            admissionReviewVersions: ["v1beta1"],
            rules: [{ apiGroups: ["elbv2.k8s.aws"], apiVersions: ["v1beta1"], operations: ["CREATE", "UPDATE"], resources: ["targetgroupbindings"] }],
            sideEffects: "None",
          },
        ],
      },
      ready,
    );
    this.validatingWebhook = new k8s.admissionregistration.v1.ValidatingWebhookConfiguration(
      `${name}-validating`,
      {
        metadata: { name: LBC_WEBHOOK_CONFIG, labels },
        webhooks: [
          {
            name: "vingressclassparams.elbv2.k8s.aws",
            clientConfig: clientConfig("/validate-elbv2-k8s-aws-v1beta1-ingressclassparams"),
            failurePolicy: "Fail",
            admissionReviewVersions: ["v1beta1"],
            objectSelector: notSelf,
            rules: [{ apiGroups: ["elbv2.k8s.aws"], apiVersions: ["v1beta1"], operations: ["CREATE", "UPDATE"], resources: ["ingressclassparams"] }],
            sideEffects: "None",
          },
          {
            name: "vtargetgroupbinding.elbv2.k8s.aws",
            clientConfig: clientConfig("/validate-elbv2-k8s-aws-v1beta1-targetgroupbinding"),
            failurePolicy: "Fail",
            admissionReviewVersions: ["v1beta1"],
            rules: [{ apiGroups: ["elbv2.k8s.aws"], apiVersions: ["v1beta1"], operations: ["CREATE", "UPDATE"], resources: ["targetgroupbindings"] }],
            sideEffects: "None",
          },
          {
            name: "vingress.elbv2.k8s.aws",
            clientConfig: clientConfig("/validate-networking-v1-ingress"),
            failurePolicy: "Fail",
            matchPolicy: "Equivalent",
            admissionReviewVersions: ["v1beta1"],
            rules: [{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["ingresses"] }],
            sideEffects: "None",
          },
        ],
      },
      ready,
    );
    this.registerOutputs({ namespace: ns, version: LBC_VERSION });
  }
}
