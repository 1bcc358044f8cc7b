import type { Db } from "../db/client";
import { ApiError, ERRORS } from "../http/errors";
import type { Configuration } from "./configuration";
import type { StoreModel } from "./schemas";
import { storeConfiguration } from "./render";
import { sealSecrets } from "./secrets";
import { requireStore, updateStore, type StoreRow } from "./storage";
import { validConfiguration } from "./validate";

const ATTEMPTS = 3;

/**
 * Applies `change` to the store's configuration with compare-and-set, re-reading and re-applying
 * when a concurrent writer got there first (the change is a function of the current state, so a
 * retry never loses the other writer's update).
 */
export async function mutateConfiguration(
  model: StoreModel,
  db: Db,
  tenant: string,
  storeName: string,
  now: number,
  rootSecret: string,
  change: (configuration: Configuration) => unknown,
): Promise<StoreRow> {
  for (let attempt = 1; ; attempt++) {
    const current = await requireStore(db, tenant, storeName);
    const previous = storeConfiguration(model, current);
    const configuration = await sealSecrets(model, validConfiguration(model, change(previous)), previous, { storeId: current.id, rootSecret });
    try {
      return await updateStore(db, current, { description: current.description, configuration, attributeSchema: current.attributeSchema }, now);
    } catch (error) {
      if (!(error instanceof ApiError && error.def === ERRORS.concurrentModification) || attempt >= ATTEMPTS) throw error;
    }
  }
}
