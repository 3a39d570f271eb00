import { createRoot } from "react-dom/client";
import { App } from "./App";
import { officeEnvironment } from "./office-environment";

const container = document.getElementById("root");
if (container) {
  const root = createRoot(container);
  void officeEnvironment().then((environment) => root.render(<App environment={environment} />));
}
