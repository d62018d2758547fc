// A byte-for-byte TCP forwarder (used to make the registry, which Debian's docker-registry can bind on
// one address only, reachable on 127.0.0.1 as well). TLS passes through untouched.
// usage: node tcp-forward.mjs LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT
import net from 'node:net';

const [listenHost, listenPort, targetHost, targetPort] = process.argv.slice(2);
if (!listenHost || !listenPort || !targetHost || !targetPort) {
  console.error('usage: tcp-forward.mjs LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT');
  process.exit(2);
}
const server = net.createServer((client) => {
  const upstream = net.connect(Number(targetPort), targetHost);
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
});
server.listen(Number(listenPort), listenHost, () => {
  console.log(`${new Date().toISOString()} forwarding ${listenHost}:${listenPort} -> ${targetHost}:${targetPort}`);
});
process.on('SIGTERM', () => process.exit(0));
