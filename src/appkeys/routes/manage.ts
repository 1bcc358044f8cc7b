import { z } from "@hono/zod-openapi";
import { renderAudit } from "../../audit/render";
import { AuditRecord } from "../../audit/schemas";
import { findRegistrationAudit } from "../../audit/storage";
import { storeDatabase } from "../../db/client";
import { requestScope } from "../../http/context";
import { ApiError, ERRORS } from "../../http/errors";
import { defineRoute, defineUserRoute, jsonBody, jsonResponse } from "../../http/route";
import { configEntry } from "../../stores/entries";
import { userTarget } from "../../users/context";
import { UserParams } from "../../users/schemas";
import { loadUser } from "../../users/view";
import { appkeysOf, changePreferredDevices, deregister, prunePreferredDevices, requireAppkey } from "../manage";
import { AppkeyConfig } from "../policy";
import { renderAppkey } from "../render";
import { Appkey, AppkeyIdParams, Deregistered, DeviceParams, FacetsParams, KeyIdParams, PreferredDevice, RpParams, TrustedFacets, UpdateAppkey, UserOnly } from "../schemas";
import { deleteAppkeyStatement, findStoreById, updateAppkeyStatement } from "../storage";
import { appkeySummary } from "../summary";

const S = "/api/identity-store/stores/{storeName}";
const base = `${S}/users/{userId}/appkeys`;
const rp = `${base}/relyingParties/{rpId}`;
const TAGS = ["Appkeys"];

export const deregisterAppkeys = defineUserRoute(
  {
    method: "post",
    path: `${rp}/deregistrations`,
    operationId: "deregisterAppkeys",
    tags: TAGS,
    summary: "Remove all the user's appkeys for a relying party",
    description: "Deletes them (and the relying party's preferred devices) and returns `fidoDeregistrationRequest`, the UAF DeregistrationRequest (JSON string) naming each removed key's AAID and KeyID, for the app to hand its UAF client so the device forgets the keys too.",
    scope: "admin",
    request: { params: RpParams, body: jsonBody(z.object({}).strict()) },
    responses: { 200: jsonResponse(Deregistered, "The user and the UAF deregistration request.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const loaded = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    return c.json(await deregister(scope, c.get("summaries"), loaded, c.req.valid("param").rpId), 200);
  },
);

export const deregisterAppkey = defineUserRoute(
  {
    method: "delete",
    path: `${rp}/registrations/keyIds/{keyId}`,
    operationId: "deregisterAppkey",
    tags: TAGS,
    summary: "Remove one of the user's appkeys by KeyID (base64url)",
    description: "Unknown KeyID for the user and relying party → 404/9002. Returns the UAF DeregistrationRequest for that key.",
    scope: "admin",
    request: { params: KeyIdParams },
    responses: { 200: jsonResponse(Deregistered, "The user and the UAF deregistration request.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const loaded = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    const { rpId, keyId } = c.req.valid("param");
    return c.json(await deregister(scope, c.get("summaries"), loaded, rpId, keyId), 200);
  },
);

export const setPreferredDevice = defineUserRoute(
  {
    method: "post",
    path: `${rp}/preferredDevices`,
    operationId: "setAppkeyPreferredDevice",
    errors: [1109],
    tags: TAGS,
    summary: "Put a device first in the user's preferred devices for a relying party",
    description: "The ordered list is kept at `attributes.appkeyPreferredDevices[rpId]` (no duplicates). The device must carry one of the user's appkeys for the relying party (else 1109).",
    scope: "auth",
    request: { params: RpParams, body: jsonBody(PreferredDevice) },
    responses: { 200: jsonResponse(UserOnly, "The updated user.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const loaded = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    return c.json(await changePreferredDevices(scope, c.get("summaries"), loaded, c.req.valid("param").rpId, { set: c.req.valid("json").deviceId }), 200);
  },
);

export const clearPreferredDevices = defineUserRoute(
  {
    method: "delete",
    path: `${rp}/preferredDevices`,
    operationId: "clearAppkeyPreferredDevices",
    tags: TAGS,
    summary: "Clear the user's preferred devices for a relying party",
    scope: "auth",
    request: { params: RpParams },
    responses: { 200: jsonResponse(UserOnly, "The updated user.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const loaded = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    return c.json(await changePreferredDevices(scope, c.get("summaries"), loaded, c.req.valid("param").rpId, { clear: true }), 200);
  },
);

export const removePreferredDevice = defineUserRoute(
  {
    method: "delete",
    path: `${rp}/preferredDevice/{deviceId}`,
    operationId: "removeAppkeyPreferredDevice",
    tags: TAGS,
    summary: "Remove one device from the user's preferred devices for a relying party",
    description: "Idempotent: a device not in the list leaves it unchanged.",
    scope: "auth",
    request: { params: DeviceParams },
    responses: { 200: jsonResponse(UserOnly, "The updated user.") },
  },
  async (c) => {
    const scope = requestScope(c);
    const loaded = await loadUser(scope.db, c.get("summaries"), userTarget(c), scope.now);
    const { rpId, deviceId } = c.req.valid("param");
    return c.json(await changePreferredDevices(scope, c.get("summaries"), loaded, rpId, { remove: deviceId }), 200);
  },
);

export const listAppkeys = defineUserRoute(
  {
    method: "get",
    path: base,
    operationId: "listAppkeys",
    tags: TAGS,
    summary: "List the user's appkeys",
    scope: "auth",
    request: { params: UserParams },
    responses: { 200: jsonResponse(z.array(Appkey), "The user's appkeys.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    return c.json(appkeysOf(await loadUser(db, [appkeySummary], userTarget(c), now)).map(renderAppkey), 200);
  },
);

export const getAppkey = defineUserRoute(
  {
    method: "get",
    path: `${base}/{id}`,
    operationId: "getAppkey",
    tags: TAGS,
    summary: "Get one of the user's appkeys",
    scope: "auth",
    request: { params: AppkeyIdParams },
    responses: { 200: jsonResponse(Appkey, "The appkey.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    return c.json(renderAppkey(requireAppkey(await loadUser(db, [appkeySummary], userTarget(c), now), c.req.valid("param").id)), 200);
  },
);

export const updateAppkey = defineUserRoute(
  {
    method: "post",
    path: `${base}/{id}`,
    operationId: "updateAppkey",
    tags: TAGS,
    summary: "Rename, enable or disable an appkey, or change its push token",
    scope: "admin",
    request: { params: AppkeyIdParams, body: jsonBody(UpdateAppkey) },
    responses: { 200: jsonResponse(Appkey, "The updated appkey.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const row = requireAppkey(await loadUser(db, [appkeySummary], userTarget(c), now), c.req.valid("param").id);
    const { status, name, pushToken, pushPlatform } = c.req.valid("json");
    const changes = { ...(status ? { status } : {}), ...(name ? { name } : {}), ...(pushToken ? { pushToken, pushTokenInvalidAt: null } : {}), ...(pushPlatform ? { pushPlatform } : {}) };
    await updateAppkeyStatement(db, row.id, changes, now);
    return c.json(renderAppkey({ ...row, ...changes, updatedAt: now }), 200);
  },
);

export const deleteAppkey = defineUserRoute(
  {
    method: "delete",
    path: `${base}/{id}`,
    operationId: "deleteAppkey",
    tags: TAGS,
    summary: "Delete an appkey",
    scope: "admin",
    request: { params: AppkeyIdParams },
    responses: { 204: { description: "Deleted." } },
  },
  async (c) => {
    const scope = requestScope(c);
    const loaded = await loadUser(scope.db, [appkeySummary], userTarget(c), scope.now);
    const row = requireAppkey(loaded, c.req.valid("param").id);
    await scope.db.batch([deleteAppkeyStatement(scope.db, row.id), ...prunePreferredDevices(scope, loaded, [row])]);
    return c.body(null, 204);
  },
);

export const appkeyRegistrationAudit = defineUserRoute(
  {
    method: "get",
    path: `${base}/{id}/registrationAudit`,
    operationId: "getAppkeyRegistrationAudit",
    tags: [...TAGS, "Audit"],
    summary: "The registration audit record of an appkey",
    scope: "auth",
    request: { params: AppkeyIdParams },
    responses: { 200: jsonResponse(AuditRecord, "The REGISTRATION audit record.") },
  },
  async (c) => {
    const { db, now } = requestScope(c);
    const loaded = await loadUser(db, [appkeySummary], userTarget(c), now);
    const row = requireAppkey(loaded, c.req.valid("param").id);
    const audit = await findRegistrationAudit(db, loaded.store.id, loaded.view.user.id, row.id);
    if (!audit) throw new ApiError(ERRORS.notFound, { message: "No registration record." });
    return c.json(renderAudit(audit), 200);
  },
);

export const FACETS_CONTENT_TYPE = "application/fido.trusted-apps+json";

export const trustedFacets = defineRoute(
  {
    method: "get",
    path: "/api/identity-store/facets/{storeId}/{rpId}",
    operationId: "getAppkeyTrustedFacets",
    tags: TAGS,
    summary: "The UAF trusted facets document of a relying party (public, no token)",
    description:
      "UAF clients fetch the appID URL without a token: `{ trustedFacets: [{ version: {major:1, minor:1}, ids: [...] }] }` with Content-Type `application/fido.trusted-apps+json`. Addressed by the store's id (names are unique only within a tenant). Unknown store or relying party → 404/9002.",
    scope: "public",
    request: { params: FacetsParams },
    responses: { 200: { description: "The trusted facets.", content: { [FACETS_CONTENT_TYPE]: { schema: TrustedFacets } } } },
  },
  async (c) => {
    const { storeId, rpId } = c.req.valid("param");
    const store = await findStoreById(storeDatabase(c.env, "", c.get("d1Meter")), storeId);
    const config = store ? configEntry(store.configuration, "appkeyConfigs", rpId, AppkeyConfig) : undefined;
    if (!config) throw new ApiError(ERRORS.notFound, { message: "No such relying party." });
    const document = { trustedFacets: [{ version: { major: 1, minor: 1 }, ids: config.trustedFacets }] };
    return new Response(JSON.stringify(document), { status: 200, headers: { "content-type": FACETS_CONTENT_TYPE, "cache-control": "public, max-age=300" } }) as never;
  },
);
