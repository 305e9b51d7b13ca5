// Exits 0 when node_modules holds exactly what package-lock.json pins (npm's own record of the
// installed tree, node_modules/.package-lock.json, is compared); 1 when `npm ci` is needed.
// Optional packages for other platforms are in the lock but never installed, so they are skipped.
import { readFileSync } from "node:fs";

const read = (p) => { try { return JSON.parse(readFileSync(p, "utf8")).packages; } catch { return null; } };
const wanted = read("package-lock.json");
const installed = read("node_modules/.package-lock.json");
if (!wanted || !installed) process.exit(1);

for (const [path, pkg] of Object.entries(wanted)) {
  if (!path) continue;
  const have = installed[path];
  if (!have) {
    if (pkg.optional) continue;
    process.exit(1);
  }
  if (have.version !== pkg.version) process.exit(1);
}
process.exit(0);
