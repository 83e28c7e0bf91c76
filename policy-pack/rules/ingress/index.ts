import type { Rule } from "../../core/rule";
import { ing001 } from "./ing-001-internet-facing-justified";
import { ing002 } from "./ing-002-lb-ingress-declared-ports";

/** Rules of the `ingress` family (shared ingress through the AWS Load Balancer Controller), in catalog order. */
export const ingressRules: readonly Rule[] = [ing001, ing002];
