import { toDtm } from "../http/dtm";
import type { Configuration } from "./configuration";
import type { StoreModel } from "./schemas";
import { shownSecrets } from "./secrets";
import type { StoreRow } from "./storage";

/** Configurations are re-read through the schema so fields added since the row was written get defaults. */
export function storeConfiguration(model: StoreModel, row: StoreRow): Configuration {
  return model.configuration.parse(row.configuration) as Configuration;
}

export function renderStoreSummary(row: StoreRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    version: row.version,
    createdDtm: toDtm(row.createdAt),
    lastUpdatedDtm: toDtm(row.updatedAt),
  };
}

export function renderStore(model: StoreModel, row: StoreRow) {
  return {
    ...renderStoreSummary(row),
    configuration: shownSecrets(model, storeConfiguration(model, row)),
    attributeSchema: (row.attributeSchema ?? null) as Record<string, unknown> | null,
  };
}
