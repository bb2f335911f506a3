/** Entry: boots the session (or the sign-in screen) and renders the app under the offline banner. */
import { render } from "preact";
import { App } from "./app";
import { OfflineBanner } from "./components/offline";
import { registerServiceWorker, watchNetwork } from "./lib/network";
import { interceptLinks } from "./lib/router";
// The stylesheets in cascade order (each file one part of the screen).
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/statuses.css";
import "./styles/compose.css";
import "./styles/people.css";
import "./styles/overlays.css";

watchNetwork();
interceptLinks();
registerServiceWorker();
const root = document.getElementById("app")!;
// Preact diffs against what is there; the static "Loading…" line must go first.
root.textContent = "";
render(
  <>
    <OfflineBanner />
    <App />
  </>,
  root,
);
