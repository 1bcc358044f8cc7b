import { toDtm } from "../http/dtm";
import { Configuration } from "./configuration";
import type { StoreRow } from "./storage";

/** Configurations are re-read through the schema so fields added since the row was written get defaults. */
export function storeConfiguration(row: StoreRow): Configuration {
  return Configuration.parse(row.configuration);
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

export function renderStore(row: StoreRow) {
  return {
    ...renderStoreSummary(row),
    configuration: storeConfiguration(row),
    attributeSchema: (row.attributeSchema ?? null) as Record<string, unknown> | null,
  };
}
