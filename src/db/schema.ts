import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Times are stored as epoch milliseconds and rendered as ISO-8601 by the API layer. */
export const stores = sqliteTable(
  "stores",
  {
    id: text("id").primaryKey(),
    tenant: text("tenant").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    configuration: text("configuration", { mode: "json" }).notNull(),
    attributeSchema: text("attribute_schema", { mode: "json" }),
    version: integer("version").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("stores_tenant_name").on(t.tenant, t.name)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    extId: text("ext_id").notNull(),
    status: text("status").notNull(),
    profile: text("profile", { mode: "json" }).notNull().default(sql`'{}'`),
    attributes: text("attributes", { mode: "json" }).notNull().default(sql`'{}'`),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    tempLockCount: integer("temp_lock_count").notNull().default(0),
    lockedUntil: integer("locked_until"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastAuthenticatedAt: integer("last_authenticated_at"),
  },
  (t) => [uniqueIndex("users_store_ext_id").on(t.storeId, t.extId), index("users_store_status").on(t.storeId, t.status)],
);

export const modalityLocks = sqliteTable(
  "modality_locks",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    modality: text("modality").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedUntil: integer("locked_until"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.modality] })],
);

/** Audit rows outlive their user: no foreign key on user_id. */
export const authAudits = sqliteTable(
  "auth_audits",
  {
    id: text("id").primaryKey(),
    storeId: text("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    type: text("type").notNull(),
    result: text("result").notNull(),
    errorCode: integer("error_code"),
    policyName: text("policy_name"),
    rpId: text("rp_id"),
    credentialId: text("credential_id"),
    /** AUTHENTICATION, or REGISTRATION for a registration completion. */
    event: text("event").notNull().default("AUTHENTICATION"),
    context: text("context", { mode: "json" }).notNull(),
    record: text("record", { mode: "json" }).notNull(),
    displayInfo: text("display_info", { mode: "json" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("auth_audits_user_created").on(t.userId, t.createdAt)],
);

/** One TOTP per user and policy. `last_step` only moves forward (trigger in the migrations). */
export const totps = sqliteTable(
  "totps",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    policyName: text("policy_name").notNull(),
    status: text("status").notNull(),
    issuer: text("issuer").notNull(),
    username: text("username").notNull(),
    algorithm: text("algorithm").notNull(),
    digits: integer("digits").notNull(),
    period: integer("period").notNull(),
    sealedSecret: text("sealed_secret").notNull(),
    lastStep: integer("last_step").notNull().default(-1),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    activatedAt: integer("activated_at"),
    expiresAt: integer("expires_at"),
    lastAuthenticatedAt: integer("last_authenticated_at"),
  },
  (t) => [uniqueIndex("totps_user_policy").on(t.userId, t.policyName)],
);

/** One passcode (SRP verifier) per user and policy; the verifier is stored encrypted. */
export const passcodes = sqliteTable(
  "passcodes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    policyName: text("policy_name").notNull(),
    status: text("status").notNull(),
    srpGroup: integer("srp_group").notNull(),
    srpHash: text("srp_hash").notNull(),
    srpProfile: text("srp_profile").notNull(),
    salt: text("salt").notNull(),
    sealedVerifier: text("sealed_verifier").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    activatedAt: integer("activated_at").notNull(),
    expiresAt: integer("expires_at"),
    lastAuthenticatedAt: integer("last_authenticated_at"),
  },
  (t) => [uniqueIndex("passcodes_user_policy").on(t.userId, t.policyName)],
);

/** WebAuthn credentials. The credential id is unique per store and relying party. */
export const passkeys = sqliteTable(
  "passkeys",
  {
    id: text("id").primaryKey(),
    storeId: text("store_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rpId: text("rp_id").notNull(),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    signCount: integer("sign_count").notNull(),
    transports: text("transports", { mode: "json" }).notNull(),
    aaguid: text("aaguid").notNull(),
    attestationFormat: text("attestation_format").notNull(),
    userHandle: text("user_handle").notNull(),
    backupEligible: integer("backup_eligible", { mode: "boolean" }).notNull(),
    backupState: integer("backup_state", { mode: "boolean" }).notNull(),
    userVerified: integer("user_verified", { mode: "boolean" }).notNull(),
    status: text("status").notNull(),
    name: text("name"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastAuthenticatedAt: integer("last_authenticated_at"),
  },
  (t) => [uniqueIndex("passkeys_store_rp_credential").on(t.storeId, t.rpId, t.credentialId), index("passkeys_user").on(t.userId)],
);

/** Enrolled biometrics (face): the template is stored encrypted and tagged with its model. */
export const biometrics = sqliteTable(
  "biometrics",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    subtype: text("subtype").notNull(),
    status: text("status").notNull(),
    algorithm: text("algorithm").notNull(),
    policyName: text("policy_name").notNull(),
    sealedTemplate: text("sealed_template").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("biometrics_user_type").on(t.userId, t.type)],
);

/**
 * Attempts admitted and not yet decided: a verifying operation reserves one before it verifies
 * (src/attempts) and removes it with its outcome. A reservation lapses at `expires_at`, so a
 * request that dies mid-way holds its slot only that long.
 */
export const attempts = sqliteTable(
  "attempts",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    modality: text("modality").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("attempts_user_modality").on(t.userId, t.modality, t.expiresAt)],
);

/** FIDO UAF keys (appkeys). The KeyID (base64url) is unique per store and relying party. */
export const appkeys = sqliteTable(
  "appkeys",
  {
    id: text("id").primaryKey(),
    storeId: text("store_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rpId: text("rp_id").notNull(),
    aaid: text("aaid").notNull(),
    keyId: text("key_id").notNull(),
    keyType: text("key_type").notNull(),
    /** SPKI DER, base64url. */
    publicKey: text("public_key").notNull(),
    algorithm: integer("algorithm").notNull(),
    signCounter: integer("sign_counter").notNull(),
    attestationType: text("attestation_type").notNull(),
    attestationVerified: integer("attestation_verified", { mode: "boolean" }).notNull(),
    deviceId: text("device_id"),
    name: text("name"),
    status: text("status").notNull(),
    pushToken: text("push_token"),
    pushPlatform: text("push_platform"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastAuthenticatedAt: integer("last_authenticated_at"),
  },
  (t) => [uniqueIndex("appkeys_store_rp_key").on(t.storeId, t.rpId, t.keyId), index("appkeys_user").on(t.userId)],
);
