// Copies the pinned front-end libraries from node_modules into static/vendor.
// static/vendor is ignored by git: third-party code is installed, never committed.
import { copyFileSync, mkdirSync } from "node:fs";

const files = [
  ["node_modules/htmx.org/dist/htmx.min.js", "static/vendor/htmx.min.js"],
  ["node_modules/htmx.org/dist/ext/hx-sse.min.js", "static/vendor/hx-sse.min.js"],
];
mkdirSync("static/vendor", { recursive: true });
for (const [from, to] of files) {
  copyFileSync(from, to);
  console.log(`${from} -> ${to}`);
}
