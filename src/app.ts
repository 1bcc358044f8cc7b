import type { OpenAPIHono } from "@hono/zod-openapi";
import { auditRoutes } from "./audit/routes";
import type { Capability, QueueConsumer } from "./capability";
import type { AppEnv } from "./env";
import { createApp } from "./http/app";
import { ERRORS } from "./http/errors";
import { storeRoutes } from "./stores/routes";
import { storeModel } from "./stores/schemas";
import { userRoutes } from "./users/routes";

/** The service: the core's routes (stores, users, audit) and every capability's contributions. */
export function assembleApp(capabilities: readonly Capability[], version: string): OpenAPIHono<AppEnv> {
  const model = storeModel(
    capabilities.flatMap((capability) => capability.policyKinds),
    Object.assign({}, ...capabilities.map((capability) => capability.configuration ?? {})),
  );
  return createApp({
    version,
    routes: [...storeRoutes(model), ...userRoutes, ...auditRoutes, ...capabilities.flatMap((capability) => capability.routes)],
    summaries: capabilities.flatMap((capability) => (capability.summary ? [capability.summary] : [])),
    errors: [ERRORS, ...capabilities.map((capability) => capability.errors)].flatMap((table) => Object.values(table)),
    tagDescriptions: Object.fromEntries(capabilities.flatMap((capability) => (capability.tag ? [[capability.tag.name, capability.tag.description]] : []))),
  });
}

/** The Worker's queue handler: each batch goes to the capability that consumes its queue. */
export function queueHandler(capabilities: readonly Capability[]): QueueConsumer {
  const consumers = new Map(capabilities.flatMap((capability) => Object.entries(capability.queues ?? {})));
  return async (batch, env) => {
    const consume = consumers.get(batch.queue);
    if (!consume) throw new Error(`no consumer for queue '${batch.queue}'`);
    await consume(batch, env);
  };
}
