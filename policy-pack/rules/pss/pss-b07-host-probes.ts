import { HOST_FIELD_HANDLERS } from "../../baseline/pss";
import { containerField, containerLabel, definePssRule, isSet, obj, show } from "../../core/pss-check";
import { visitContainers } from "../../core/workloads";

/** PSS-B07 (PSA ≥1.34): probes and lifecycle handlers must not target another host via `host`. */
export const pssB07HostProbes = definePssRule({
  id: "PSS-B07",
  name: "pss-host-probes",
  description: "Probes and lifecycle handlers must not set host: {liveness,readiness,startup}Probe and lifecycle.{postStart,preStop} httpGet/tcpSocket .host must be absent or \"\".",
  severity: "medium",
  remediation: "Remove the host field from every probe and lifecycle handler's httpGet/tcpSocket (the kubelet then targets the pod IP).",
  check(ctx, report) {
    visitContainers(ctx.view.spec, (ref) => {
      const handlers: [string, unknown][] = [
        ...HOST_FIELD_HANDLERS.probes.map((p): [string, unknown] => [p, ref.container[p]]),
        ...HOST_FIELD_HANDLERS.lifecycle.map((h): [string, unknown] => [`lifecycle.${h}`, obj(ref.container.lifecycle)[h]]),
      ];
      for (const [where, handler] of handlers) {
        for (const action of HOST_FIELD_HANDLERS.actions) {
          const host = obj(obj(handler)[action]).host;
          if (!isSet(host) || host === "") continue;
          const path = containerField(ctx, ref, `${where}.${action}.host`);
          report({ message: `${path}=${show(host)}${containerLabel(ref)}: the kubelet would connect to an arbitrary host`, remediation: `Remove ${path}.` });
        }
      }
    });
  },
});
