import pkg from "../package.json";
import { createApp } from "./http/app";
import { routes } from "./routes";

export { CeremonySessions } from "./sessions/durable-object";

export default createApp(routes, pkg.version);
