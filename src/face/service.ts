import { getContainer } from "@cloudflare/containers";
import type { FaceService } from "./container";
import { fromBase64 } from "../crypto/encoding";
import type { Bindings } from "../env";
import { ApiError, ERRORS } from "../http/errors";

export type TemplateOutcome =
  | { ok: true; model: string; template: Float32Array; detectionScore: number }
  | { ok: false; reason: "no_face" | "multiple_faces" | "low_quality" | "bad_image" };

const TIMEOUT_MS = 15_000;

/**
 * The one seam to the face service: over HTTP at FACE_SERVICE_URL when set (local dev, CI),
 * else through the container binding. A service that is down, slow or answering nonsense is
 * 503/9009 — a dependency problem, never a failed attempt.
 */
async function callService(env: Bindings, init: RequestInit): Promise<Response> {
  if (env.FACE_SERVICE_URL) return fetch(new URL("/v1/templates", env.FACE_SERVICE_URL), init);
  return getContainer(env.FACE_CONTAINER as DurableObjectNamespace<FaceService>).fetch(new Request("http://face-service/v1/templates", init));
}

export async function faceTemplate(env: Bindings, image: Uint8Array, contentType: "image/jpeg" | "image/png"): Promise<TemplateOutcome> {
  let response: Response;
  try {
    response = await callService(env, { method: "POST", headers: { "content-type": contentType }, body: image, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new ApiError(ERRORS.unavailable, { message: "The face service is unavailable; retry later." });
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.status === 200 && body && typeof body.template === "string" && typeof body.model === "string") {
    const bytes = fromBase64(body.template);
    return { ok: true, model: body.model, template: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), detectionScore: Number(body.detectionScore ?? 0) };
  }
  const reason = body?.error;
  if ((response.status === 422 || response.status === 400) && (reason === "no_face" || reason === "multiple_faces" || reason === "low_quality" || reason === "bad_image")) {
    return { ok: false, reason };
  }
  throw new ApiError(ERRORS.unavailable, { message: `The face service answered ${response.status}; retry later.` });
}
