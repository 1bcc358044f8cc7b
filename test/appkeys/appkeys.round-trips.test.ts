import { describe, expect, it } from "vitest";
import { api, d1RoundTrips } from "../support/api";
import { appkeyUser, registerAppkey, signInAppkey, singleShot } from "../support/appkeys";
import { SoftUafAuthenticator } from "../support/uaf-authenticator";

describe("appkeys: D1 round trips per operation (start ≤ 1 D1 + 1 DO, complete ≤ 2 D1 + 1 DO)", () => {
  it("registration, authentication (INTERNAL, EXTERNAL, single-shot), failures", async () => {
    const f = await appkeyUser({ authenticationPolicies: { default: { singleShot: { enabled: true } } } });
    const { start, complete, authenticator } = await registerAppkey(f, { authenticatorOptions: { counter: "increment" } });
    expect(complete.status).toBe(200);
    expect(d1RoundTrips(start)).toBeLessThanOrEqual(1);
    expect(d1RoundTrips(complete)).toBeLessThanOrEqual(2);

    const signed = await signInAppkey(f, authenticator);
    expect(signed.complete.status).toBe(200);
    expect(d1RoundTrips(signed.start)).toBeLessThanOrEqual(1);
    expect(d1RoundTrips(signed.complete)).toBeLessThanOrEqual(2);

    const shot = await singleShot(f, authenticator);
    expect(shot.result.status).toBe(200);
    expect(d1RoundTrips(shot.result)).toBeLessThanOrEqual(2);
    expect(d1RoundTrips(await api("POST", `${f.appkeys}/authentications`, { body: shot.body }))).toBeLessThanOrEqual(2);

    const impostor = new SoftUafAuthenticator();
    await impostor.registerAssertion("x", "y");
    impostor.registrations[0]!.keyId = authenticator.registrations[0]!.keyId;
    const forged = await signInAppkey(f, impostor);
    expect(forged.complete.body.code).toBe(1095);
    expect(d1RoundTrips(forged.complete)).toBeLessThanOrEqual(2);

    authenticator.registrations[0]!.signCounter = 0;
    const clone = await signInAppkey(f, authenticator);
    expect(clone.complete.body.code).toBe(1061);
    expect(d1RoundTrips(clone.complete)).toBeLessThanOrEqual(2);

    const g = await appkeyUser({ sessionManagement: "EXTERNAL" });
    const ext = await registerAppkey(g);
    expect(d1RoundTrips(ext.complete)).toBeLessThanOrEqual(2);
    const extSigned = await signInAppkey(g, ext.authenticator);
    expect(extSigned.complete.status).toBe(200);
    expect(d1RoundTrips(extSigned.start)).toBeLessThanOrEqual(1);
    expect(d1RoundTrips(extSigned.complete)).toBeLessThanOrEqual(2);

    expect(d1RoundTrips(await api("GET", `${f.userPath}/appkeys`))).toBe(1);
    expect(d1RoundTrips(await api("GET", `/facets/${f.storeId}/bank.example`, { anonymous: true }))).toBe(1);
  });
});
