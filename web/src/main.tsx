/** Entry: boots the session (or the sign-in screen) and renders the app. */
import { render } from "preact";
import { App } from "./app";
import { interceptLinks } from "./lib/router";
import "./styles.css";

interceptLinks();
const root = document.getElementById("app")!;
// Preact diffs against what is there; the static "Loading…" line must go first.
root.textContent = "";
render(<App />, root);
