// Forwards TCP byte streams between network namespaces through a Unix socket (the filesystem is shared by all
// namespaces, the loopback interface is not). scripts/up runs two of these so that broker-client, inside the
// client's namespace, reaches anvil on the host's 127.0.0.1 without touching the host's network configuration:
//
//   node rpc-bridge.mjs unix:/path/rpc.sock tcp:127.0.0.1:8545          (host namespace)
//   ip netns exec NS node rpc-bridge.mjs tcp:127.0.0.1:8545 unix:/path/rpc.sock   (client namespace)
//
// Usage: node rpc-bridge.mjs LISTEN CONNECT, each "tcp:HOST:PORT" or "unix:PATH". Prints "listening" when ready.
import net from "node:net";
import fs from "node:fs";

function parse(spec) {
  if (spec?.startsWith("unix:")) return { path: spec.slice(5) };
  const m = /^tcp:(.+):(\d+)$/.exec(spec ?? "");
  if (!m) {
    console.error(`rpc-bridge: '${spec}' is not tcp:HOST:PORT or unix:PATH`);
    process.exit(2);
  }
  return { host: m[1], port: Number(m[2]) };
}

const [listenSpec, connectSpec] = process.argv.slice(2);
const listen = parse(listenSpec);
const target = parse(connectSpec);
if (listen.path) fs.rmSync(listen.path, { force: true });

const server = net.createServer((inbound) => {
  const outbound = net.connect(target);
  inbound.pipe(outbound);
  outbound.pipe(inbound);
  const close = () => { inbound.destroy(); outbound.destroy(); };
  inbound.on("error", close);
  outbound.on("error", close);
  inbound.on("close", close);
  outbound.on("close", close);
});
server.on("error", (error) => {
  console.error(`rpc-bridge: cannot listen on ${listenSpec}: ${error.message}`);
  process.exit(1);
});
server.listen(listen, () => {
  if (listen.path) fs.chmodSync(listen.path, 0o600);
  console.log("listening");
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { server.close(); process.exit(0); });
