import type { Configuration } from "./configuration";
import type { PolicyKind } from "./policy-kinds";
import type { StoreModel } from "./schemas";

type Entries = Record<string, Record<string, unknown>>;

const entriesOf = (configuration: unknown, kind: PolicyKind): Entries =>
  ((configuration as Record<string, unknown> | undefined)?.[kind.configKey] ?? {}) as Entries;

const secretKinds = (model: StoreModel) => model.kinds.filter((kind) => kind.secrets);

/**
 * The configuration as stored: every new or changed entry of a kind with secrets goes through its
 * `written` hook (which checks and seals them); unchanged entries keep their sealed values as they are.
 */
export async function sealSecrets(model: StoreModel, next: Configuration, previous: Configuration | undefined, write: { storeId: string; rootSecret: string }): Promise<Configuration> {
  let sealed = next;
  for (const kind of secretKinds(model)) {
    const before = entriesOf(previous, kind);
    const entries = { ...entriesOf(next, kind) };
    for (const [key, entry] of Object.entries(entries)) {
      const old = Object.hasOwn(before, key) ? before[key] : undefined;
      if (old !== undefined && JSON.stringify(old) === JSON.stringify(entry)) continue;
      entries[key] = await kind.secrets!.written(entry, { ...write, key, previous: old, configuration: next });
    }
    sealed = { ...sealed, [kind.configKey]: entries };
  }
  return sealed;
}

/** The configuration as responses show it: secrets masked. */
export function shownSecrets(model: StoreModel, configuration: Configuration): Configuration {
  let shown = configuration;
  for (const kind of secretKinds(model)) {
    const entries = Object.fromEntries(Object.entries(entriesOf(configuration, kind)).map(([key, entry]) => [key, kind.secrets!.shown(entry)]));
    shown = { ...shown, [kind.configKey]: entries };
  }
  return shown;
}

/** The codes the kinds' secret hooks answer, for the routes that write a configuration. */
export const secretErrors = (model: StoreModel): number[] => [...new Set(secretKinds(model).flatMap((kind) => kind.secrets!.errors))];
