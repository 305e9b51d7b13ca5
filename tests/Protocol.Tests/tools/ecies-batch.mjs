// Runs eciesjs (the reference ECIES implementation) over a batch, for the differential tests.
// stdin:  {"mode":"encrypt","items":[{"publicKey":"04…","plaintext":"<hex>"}]}
//      or {"mode":"decrypt","items":[{"secretKey":"<hex>","envelope":"<hex>"}]}
// stdout: {"producer":"eciesjs <version>","results":["<hex>", …]} in the same order.
// eciesjs is resolved from the repository root's node_modules (three folders up), not from an absolute path.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../../../package.json", import.meta.url));
const { encrypt, decrypt, ECIES_CONFIG } = require("eciesjs");
// The package exports no ./package.json, so its version is read beside its entry point (dist/index.js).
const { version } = JSON.parse(readFileSync(new URL("../package.json", `file://${require.resolve("eciesjs")}`), "utf8"));

// The differential tests are only meaningful against the default format the seed uses.
if (ECIES_CONFIG.ellipticCurve !== "secp256k1" || ECIES_CONFIG.isEphemeralKeyCompressed
    || ECIES_CONFIG.isHkdfKeyCompressed || ECIES_CONFIG.symmetricNonceLength !== 16) {
  console.error("eciesjs is not in its default configuration");
  process.exit(2);
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const batch = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const hex = (bytes) => Buffer.from(bytes).toString("hex");
const bytes = (text) => Uint8Array.from(Buffer.from(text, "hex"));
const run = {
  encrypt: (item) => hex(encrypt(item.publicKey, bytes(item.plaintext))),
  decrypt: (item) => hex(decrypt(item.secretKey, bytes(item.envelope))),
}[batch.mode];
if (!run) {
  console.error(`unknown mode ${batch.mode}`);
  process.exit(2);
}

process.stdout.write(JSON.stringify({ producer: `eciesjs ${version}`, results: batch.items.map(run) }));
