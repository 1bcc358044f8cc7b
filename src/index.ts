import pkg from "../package.json";
import { assembleApp } from "./app";
import { CAPABILITIES } from "./capabilities";
import { demoRoutes } from "./http/demo";
import { docsRoutes } from "./http/docs";

export { FaceService } from "./face/container";
export { CeremonySessions } from "./sessions/durable-object";

const app = assembleApp(CAPABILITIES, pkg.version);
app.route("/", docsRoutes());
app.route("/", demoRoutes());

export default app;
