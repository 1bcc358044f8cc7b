import type { z } from "@hono/zod-openapi";
import type { AuditType } from "./audit/schemas";
import type { Bindings } from "./env";
import type { ErrorDef } from "./http/errors";
import type { RouteEntry } from "./http/route";
import type { Modality } from "./locking/config";
import type { PolicyKind } from "./stores/policy-kinds";
import type { SummarySource } from "./users/view";

/**
 * Everything a capability (an authentication modality) adds to the service, declared in one
 * module of its folder (`src/<capability>/capability.ts`); the app is assembled from the list in
 * `src/capabilities.ts`. The shared folders know only these shapes, never a capability.
 */
export interface Capability {
  name: string;
  routes: RouteEntry[];
  /** Named maps of the store configuration served by the generic policy endpoints. */
  policyKinds: readonly PolicyKind[];
  /** Further sections of the store configuration (no endpoints of their own). */
  configuration?: Record<string, z.ZodType>;
  /** An authentication modality's part of `summaryInfo`, its lock modality and audit type (push, which rides on appkeys, has none). */
  summary?: SummarySource;
  modality?: Modality;
  auditType?: AuditType;
  errors: Record<string, ErrorDef>;
  /** Consumers of the Cloudflare Queues the capability sends to, by queue name. */
  queues?: Record<string, QueueConsumer>;
  /** The OpenAPI tag of its operations and what `/docs` says of it (a newcomer reads it first). */
  tag?: { name: string; description: string };
}

export type QueueConsumer = (batch: MessageBatch, env: Bindings) => Promise<void>;
