import { Container } from "@cloudflare/containers";

/**
 * The face service (containers/face) as a Cloudflare container. Used in production; local dev
 * and CI have no Docker and reach the same service over FACE_SERVICE_URL instead.
 */
export class FaceService extends Container {
  override defaultPort = 8080;
  override sleepAfter = "10m";
}
