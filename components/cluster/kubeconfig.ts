import * as pulumi from "@pulumi/pulumi";

/** Build an exec-based kubeconfig (aws eks get-token) as JSON text; no static credentials inside. */
export function kubeconfigFor(clusterName: pulumi.Input<string>, endpoint: pulumi.Input<string>, caData: pulumi.Input<string>, region: string): pulumi.Output<string> {
  return pulumi.all([clusterName, endpoint, caData]).apply(([name, server, ca]) =>
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server, "certificate-authority-data": ca } }],
      contexts: [{ name, context: { cluster: name, user: name } }],
      "current-context": name,
      users: [
        {
          name,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", name, "--region", region, "--output", "json"],
              interactiveMode: "Never",
            },
          },
        },
      ],
    }),
  );
}
