import pkg from "../package.json";
import { createApp } from "./http/app";
import { demoRoutes } from "./http/demo";
import { docsRoutes } from "./http/docs";
import { routes } from "./routes";

export { FaceService } from "./face/container";
export { CeremonySessions } from "./sessions/durable-object";

const app = createApp(routes, pkg.version);
app.route("/", docsRoutes());
app.route("/", demoRoutes());

export default app;
