import pkg from "../package.json";
import { assembleApp, queueHandler } from "./app";
import { CAPABILITIES } from "./capabilities";
import { demoRoutes } from "./http/demo";
import type { Bindings } from "./env";
import { docsRoutes } from "./http/docs";

export { FaceService } from "./face/container";
export { PushProviderTokens } from "./push/delivery/provider-tokens";
export { CeremonySessions } from "./sessions/durable-object";

const app = assembleApp(CAPABILITIES, pkg.version);
app.route("/", docsRoutes());
app.route("/", demoRoutes());

export default { fetch: app.fetch, queue: queueHandler(CAPABILITIES) } satisfies ExportedHandler<Bindings>;
