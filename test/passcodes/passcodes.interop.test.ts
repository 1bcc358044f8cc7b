import { describe, expect, it } from "vitest";
import { api } from "../support/api";
import { passcodeUser, peer, randomA } from "../support/passcodes";

type Fixture = Awaited<ReturnType<typeof passcodeUser>>;

/** One exchange driven entirely by Debian's python3-srp: A and M1 from it, and it checks M2. */
async function pythonAuthenticates(f: Fixture, passcode: string, kind: "authentications" | "renewals", extra: (identity: string, srp: Record<string, unknown>) => Promise<object> = async () => ({})) {
  const start = await api("POST", `${f.passcodePath}/${kind}/default`, { body: {} });
  expect(start.status).toBe(201);
  const { identity, srp, salt, B, sessionId } = start.body;
  const a = randomA();
  const { A, M1 } = await peer<{ A: string; M1: string }>({ op: "proof", identity, passcode, ...srp, a, salt, B });
  const res = await api("POST", `${f.sessions}/${kind}/sessions/${sessionId}`, { body: { A, M1, ...(await extra(identity, srp)) } });
  const verified = res.status === 200 ? (await peer<{ verified: boolean }>({ op: "verify", identity, passcode, ...srp, a, salt, B, M2: res.body.M2 })).verified : false;
  return { res, verified };
}

describe("SRP interoperability with Debian's python3-srp (RFC 5054 mode)", () => {
  it.each([
    { srpGroup: 2048, srpHash: "SHA-256" },
    { srpGroup: 3072, srpHash: "SHA-256" },
    { srpGroup: 4096, srpHash: "SHA-512" },
    { srpGroup: 2048, srpHash: "SHA-512" },
  ])("registers, authenticates and renews through the API (group $srpGroup, $srpHash)", async (policy) => {
    const f = await passcodeUser(policy);
    const start = await api("POST", `${f.passcodePath}/registrations/default`, { body: {} });
    const { identity, srp } = start.body;
    const material = await peer<{ salt: string; verifier: string }>({ op: "register", identity, passcode: "Tr0ub4dor&3", ...srp });
    const registered = await api("POST", `${f.sessions}/registrations/sessions/${start.body.sessionId}`, { body: material });
    expect(registered.status).toBe(200);

    const auth = await pythonAuthenticates(f, "Tr0ub4dor&3", "authentications");
    expect(auth.res.status).toBe(200);
    expect(auth.verified).toBe(true);

    const wrong = await pythonAuthenticates(f, "tr0ub4dor&3", "authentications");
    expect(wrong.res.body.code).toBe(2404);

    const renewal = await pythonAuthenticates(f, "Tr0ub4dor&3", "renewals", (id, announced) =>
      peer({ op: "register", identity: id, passcode: "correct horse battery staple", ...announced }),
    );
    expect(renewal.res.status).toBe(200);
    expect(renewal.verified).toBe(true);
    expect((await pythonAuthenticates(f, "correct horse battery staple", "authentications")).verified).toBe(true);
    expect((await pythonAuthenticates(f, "Tr0ub4dor&3", "authentications")).res.body.code).toBe(2404);
  });
});
