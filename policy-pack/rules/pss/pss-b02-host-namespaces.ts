import { definePssRule, specField } from "../../core/pss-check";

/** Host namespaces a pod must not share. */
export const HOST_NAMESPACE_FIELDS = ["hostNetwork", "hostPID", "hostIPC"] as const;

/** PSS-B02: sharing the host's network, PID or IPC namespace breaks pod isolation. */
export const pssB02HostNamespaces = definePssRule({
  id: "PSS-B02",
  name: "pss-host-namespaces",
  description: "Pods must not share host namespaces: hostNetwork, hostPID and hostIPC must be absent or false.",
  severity: "critical",
  remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).",
  check(ctx, report) {
    for (const field of HOST_NAMESPACE_FIELDS) {
      if (ctx.view.spec[field] !== true) continue;
      const path = specField(ctx, field);
      report({ message: `${path}=true: the pod shares the node's ${field.slice(4)} namespace`, remediation: `Set ${path} to false or remove it.` });
    }
  },
});
