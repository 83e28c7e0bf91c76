import { arr, containerField, containerLabel, definePssRule, isSet, obj, show } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-B06: host ports bind on the node's interfaces and bypass network isolation. */
export const pssB06HostPorts = definePssRule({
  id: "PSS-B06",
  name: "pss-host-ports",
  description: "Host ports are forbidden: containers[*].ports[*].hostPort must be absent or 0.",
  severity: "high",
  remediation: "Remove ports[*].hostPort from every container (expose the pod through a Service instead).",
  check(ctx, report) {
    visitContainers(ctx.view.spec, (ref) => {
      arr(ref.container.ports).forEach((port, j) => {
        const hostPort = obj(port).hostPort;
        if (!isSet(hostPort) || hostPort === 0) return;
        const path = containerField(ctx, ref, `ports[${j}].hostPort`);
        report({ message: `${path}=${show(hostPort)}${containerLabel(ref)}: host ports bind on the node`, remediation: `Remove ${path} (or set it to 0) and expose the port through a Service.` });
      });
    });
  },
});
