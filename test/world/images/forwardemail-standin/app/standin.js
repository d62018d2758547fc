// Stand-in for the services of ghcr.io/forwardemail/forwardemail.net-selfhosted. The upstream image cannot
// be pulled in the test world, so each `node <service>.js` here listens on the real upstream port (TLS where
// upstream uses TLS, with /app/ssl/privkey.pem + fullchain.pem), greets like the real protocol, answers the
// compose healthchecks (`nc -z`, `curl -k https://...`), logs like a live service (a line every few seconds
// when idle) and exits 0 within a second on SIGTERM. It does not deliver or relay mail; the services that
// keep mailboxes write real SQLite mailboxes (mailstore.py), so backups have real state to take.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const https = require('node:https');
const os = require('node:os');

const VERSION = process.env.STANDIN_VERSION || '0.0.0';
const BROKEN = process.env.STANDIN_BROKEN === '1';
const HEARTBEAT_MS = Number(process.env.STANDIN_HEARTBEAT_MS || 5000);

// Ports from upstream's docker-compose-self-hosted.yml, nginx.conf and the .env keys setup.sh writes
// (SMTP_PORT, IMAP_PORT, POP3_PORT, MX_PORT).
function services() {
  const port = (key, fallback) => Number(process.env[key] || fallback);
  return {
    // nginx SNI-routes 443 -> 3000; upstream's web listens on WEB_PORT (older setup.sh versions wrote 443).
    web: [{ port: port('WEB_PORT', 3000), kind: 'https' }],
    api: [{ port: 4000, kind: 'https' }],
    caldav: [{ port: 5000, kind: 'https' }],
    carddav: [{ port: 6000, kind: 'https' }],
    sqlite: [{ port: 3456, kind: 'https' }], // websocket server for mx/imap/pop3
    smtp: [
      { port: port('SMTP_PORT', 465), kind: 'smtp-tls' },
      { port: 587, kind: 'smtp' },
    ],
    mx: [{ port: port('MX_PORT', 25), kind: 'smtp' }],
    imap: [{ port: port('IMAP_PORT', 993), kind: 'imap-tls' }],
    pop3: [{ port: port('POP3_PORT', 995), kind: 'pop3-tls' }],
    bree: [], // job schedulers: no listener, only job logs
    'smtp-bree': [],
    'sqlite-bree': [],
  };
}

// Upstream mounts its settings at /app/.env; values already in the environment win, like dotenv.
function loadDotEnv() {
  const file = '/app/.env';
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return 0;
  let count = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!m) continue;
    const value = m[2].trim().replace(/^(['"])(.*)\1$/, '$2');
    if (process.env[m[1]] === undefined) process.env[m[1]] = value;
    count++;
  }
  return count;
}

let serviceName = 'standin';
function log(level, msg) {
  process.stdout.write(`${new Date().toISOString()} ${level} [${serviceName}] ${msg}\n`);
}

function loadTls() {
  const dir = fs.existsSync('/app/ssl/privkey.pem') ? '/app/ssl' : '/opt/standin/ssl-fallback';
  if (dir !== '/app/ssl') log('warn', 'no /app/ssl/privkey.pem mounted: using a self-signed fallback certificate');
  return { key: fs.readFileSync(`${dir}/privkey.pem`), cert: fs.readFileSync(`${dir}/fullchain.pem`) };
}

function hostname() {
  return process.env.HOSTNAME_OVERRIDE || os.hostname();
}

// --- line protocols -------------------------------------------------------------------------------------

function lineReader(socket, onLine) {
  let buf = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).replace(/\r$/, '');
      buf = buf.slice(i + 1);
      onLine(line);
    }
    if (buf.length > 65536) socket.destroy();
  });
}

function smtpSession(socket, { secure, secureContext }) {
  const write = (s) => socket.write(`${s}\r\n`);
  let inData = false;
  write(`220 ${hostname()} ESMTP Forward Email stand-in ${VERSION}`);
  const handle = (line) => {
    if (inData) {
      if (line === '.') {
        inData = false;
        write('250 2.0.0 OK: message accepted by stand-in (not delivered)');
      }
      return;
    }
    const verb = line.split(' ')[0].toUpperCase();
    switch (verb) {
      case 'EHLO':
        write(`250-${hostname()} greets you`);
        write('250-PIPELINING');
        write('250-8BITMIME');
        write('250-SIZE 52428800');
        if (!secure) write('250-STARTTLS');
        write('250-AUTH PLAIN LOGIN');
        write('250 SMTPUTF8');
        break;
      case 'HELO':
        write(`250 ${hostname()}`);
        break;
      case 'STARTTLS': {
        if (secure) return write('503 5.5.1 already using TLS');
        write('220 2.0.0 Ready to start TLS');
        socket.removeAllListeners('data');
        const upgraded = new tls.TLSSocket(socket, { isServer: true, secureContext });
        upgraded.on('error', () => upgraded.destroy());
        smtpContinue(upgraded);
        return;
      }
      case 'MAIL':
      case 'RCPT':
      case 'RSET':
        write('250 2.1.0 OK');
        break;
      case 'AUTH':
        write('535 5.7.8 authentication is not implemented by the stand-in');
        break;
      case 'DATA':
        inData = true;
        write('354 End data with <CR><LF>.<CR><LF>');
        break;
      case 'NOOP':
        write('250 2.0.0 OK');
        break;
      case 'QUIT':
        write('221 2.0.0 Bye');
        socket.end();
        break;
      default:
        write('502 5.5.2 command not recognized');
    }
  };
  lineReader(socket, handle);
}

// After STARTTLS the client sends EHLO again; no new greeting.
function smtpContinue(socket) {
  const write = (s) => socket.write(`${s}\r\n`);
  lineReader(socket, (line) => {
    const verb = line.split(' ')[0].toUpperCase();
    if (verb === 'EHLO') {
      write(`250-${hostname()} greets you`);
      write('250-AUTH PLAIN LOGIN');
      write('250 SMTPUTF8');
    } else if (verb === 'QUIT') {
      write('221 2.0.0 Bye');
      socket.end();
    } else if (verb === 'NOOP' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET') {
      write('250 2.0.0 OK');
    } else {
      write('502 5.5.2 command not recognized');
    }
  });
}

function imapSession(socket) {
  const write = (s) => socket.write(`${s}\r\n`);
  write(`* OK [CAPABILITY IMAP4rev1 ID IDLE AUTH=PLAIN] ${hostname()} Forward Email IMAP stand-in ${VERSION} ready`);
  lineReader(socket, (line) => {
    const [tag, cmd = ''] = line.split(' ');
    switch (cmd.toUpperCase()) {
      case 'CAPABILITY':
        write('* CAPABILITY IMAP4rev1 ID IDLE AUTH=PLAIN');
        write(`${tag} OK CAPABILITY completed`);
        break;
      case 'NOOP':
        write(`${tag} OK NOOP completed`);
        break;
      case 'LOGOUT':
        write('* BYE logging out');
        write(`${tag} OK LOGOUT completed`);
        socket.end();
        break;
      default:
        write(`${tag} NO command not implemented by the stand-in`);
    }
  });
}

function pop3Session(socket) {
  const write = (s) => socket.write(`${s}\r\n`);
  write(`+OK ${hostname()} Forward Email POP3 stand-in ${VERSION} ready`);
  lineReader(socket, (line) => {
    const cmd = line.split(' ')[0].toUpperCase();
    if (cmd === 'CAPA') {
      write('+OK capability list follows');
      write('USER');
      write('UIDL');
      write('.');
    } else if (cmd === 'NOOP') write('+OK');
    else if (cmd === 'QUIT') {
      write('+OK bye');
      socket.end();
    } else write('-ERR command not implemented by the stand-in');
  });
}

// --- listeners ------------------------------------------------------------------------------------------

const servers = [];
const sockets = new Set();
let connections = 0;

function track(socket) {
  connections++;
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => socket.destroy());
}

function httpsHandler(req, res) {
  const body = JSON.stringify({ service: serviceName, version: VERSION, path: req.url, ok: true });
  res.writeHead(200, { 'content-type': 'application/json', 'x-standin-version': VERSION });
  res.end(body);
}

function listen({ port, kind }, tlsOptions) {
  const secureContext = tls.createSecureContext(tlsOptions);
  let server;
  if (kind === 'https') {
    server = https.createServer(tlsOptions, httpsHandler);
    server.on('connection', track);
  } else if (kind === 'smtp') {
    server = net.createServer((s) => (track(s), smtpSession(s, { secure: false, secureContext })));
  } else if (kind === 'smtp-tls') {
    server = tls.createServer(tlsOptions, (s) => (track(s), smtpSession(s, { secure: true, secureContext })));
  } else if (kind === 'imap-tls') {
    server = tls.createServer(tlsOptions, (s) => (track(s), imapSession(s)));
  } else if (kind === 'pop3-tls') {
    server = tls.createServer(tlsOptions, (s) => (track(s), pop3Session(s)));
  } else {
    throw new Error(`unknown listener kind ${kind}`);
  }
  server.on('tlsClientError', () => {});
  server.on('error', (err) => {
    log('error', `cannot listen on ${port}: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, '0.0.0.0', () => log('info', `${kind} server listening on 0.0.0.0:${port}`));
  servers.push(server);
}

function shutdown(signal) {
  log('info', `received ${signal}, shutting down gracefully`);
  for (const s of servers) s.close();
  for (const s of sockets) s.destroy();
  // Never linger: the compose stop timeout must not be needed.
  setTimeout(() => process.exit(0), 300).unref();
  process.exitCode = 0;
}

function start(name) {
  serviceName = name;
  const settings = loadDotEnv();
  const listeners = services()[name];
  if (!listeners) throw new Error(`unknown service ${name}`);
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  log('info', `starting forwardemail.net ${name} (stand-in) version ${VERSION} pid ${process.pid}`);
  if (settings) log('info', `loaded ${settings} settings from /app/.env`);
  if (BROKEN) {
    // The deliberately broken release: alive but never serving, like a build that cannot reach its database.
    // Its mx service first changes the mailbox storage, as a release that migrates data would (a marker
    // file): what an update's rollback of such a release must undo by restoring the backup taken before.
    // mx, since it mounts the mailboxes and starts without waiting for another app service's health.
    if (name === 'mx') {
      const dir = `/mnt/${process.env.SQLITE_STORAGE_PATH || 'sqlite_storage'}`;
      try {
        fs.writeFileSync(`${dir}/migrated-by-${VERSION}`, `${new Date().toISOString()}\n`);
      } catch (error) {
        log('warn', `could not write the migration marker: ${error.message}`);
      }
    }
    log('error', 'MongoServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017 (release is broken on purpose)');
    setInterval(() => log('error', 'still cannot connect to mongodb, retrying in 5s'), HEARTBEAT_MS);
    return;
  }
  startMailstore(name);
  const tlsOptions = listeners.length ? loadTls() : undefined;
  for (const l of listeners) listen(l, tlsOptions);
  const started = Date.now();
  let job = 0;
  setInterval(() => {
    const up = Math.round((Date.now() - started) / 1000);
    if (listeners.length) log('info', `heartbeat uptime=${up}s connections=${connections} open=${sockets.size}`);
    else log('info', `job ${++job} "check-${name}" completed in ${5 + (job % 7)}ms`);
  }, HEARTBEAT_MS);
}

// The services that keep mailboxes write them for real (mailstore.py), as upstream's sqlite, imap
// and pop3 do: the sqlite service adds messages, imap marks them seen. STANDIN_MAILSTORE=0 turns it off.
function startMailstore(name) {
  const role = { sqlite: 'sqlite', imap: 'imap' }[name];
  if (!role || process.env.STANDIN_MAILSTORE === '0') return;
  const { spawn } = require('node:child_process');
  const dir = `/mnt/${process.env.SQLITE_STORAGE_PATH || 'sqlite_storage'}`;
  const child = spawn('python3', ['/app/mailstore.py', 'write', '--dir', dir, '--role', role], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code) => log('warn', `mailstore exited ${code}`));
  process.on('exit', () => child.kill('SIGTERM'));
  log('info', `writing mailboxes in ${dir} (${role})`);
}

module.exports = { start };
