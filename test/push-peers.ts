import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { createFakeApns } from "./peers/fake-apns.mjs";
import { createFakeFcm } from "./peers/fake-fcm.mjs";
import type {} from "./provided";

/** The fake APNs and FCM (test/peers) on loopback, for the push tests: APNS_BASE_URL, FCM_BASE_URL, FCM_TOKEN_URL. */
export default async function setup(project: TestProject) {
  const servers = [createFakeApns(), createFakeFcm()];
  const [apnsUrl, fcmUrl] = await Promise.all(
    servers.map((server) => new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))),
  );
  project.provide("apnsUrl", apnsUrl!);
  project.provide("fcmUrl", fcmUrl!);
  return () => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
}
