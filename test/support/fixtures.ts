import { expect } from "vitest";
import { api, uniqueName } from "./api";

/** A fresh store (optionally configured) with one user; returns their names and paths. */
export async function storeWithUser(configuration?: object, user: object = {}) {
  const store = uniqueName();
  const created = await api("POST", "/stores", { body: { name: store, configuration } });
  expect(created.status).toBe(201);
  const res = await api("POST", `/stores/${store}/users`, { body: { extId: `u-${store}`, ...user } });
  expect(res.status).toBe(201);
  return { store, userId: res.body.id as string, extId: res.body.extId as string, userPath: `/stores/${store}/users/${res.body.id}` };
}

export const faceFailure = (userPath: string, body: object = { type: "face" }) =>
  api("POST", `${userPath}/biometrics/authentications/failure`, { body });
