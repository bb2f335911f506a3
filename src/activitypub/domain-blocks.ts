/** Admin domain blocks (owner: signatures helper): suspend, silence, reject media. */
import type { AppContext } from "../context";

export type DomainSeverity = "suspend" | "silence" | "noop";
export interface DomainPolicy { severity: DomainSeverity; rejectMedia: boolean }

/** The policy for a host (subdomains inherit a parent's block), or null when not blocked. */
export function domainPolicy(ctx: AppContext, host: string): DomainPolicy | null {
  void ctx; void host;
  return null;
}
