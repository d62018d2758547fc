// The raw HTTP reader the log follow uses, against a real unix-socket server: node:http's own
// server for ordinary answers, and a plain socket server where the framing itself is under test.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet } from '../../remote-agent/src/docker/raw-http-stream.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listen(server: net.Server): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mh-raw-http-'));
  const socketPath = path.join(dir, 'engine.sock');
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(async () => {
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });
  return socketPath;
}

/** A server that answers every connection with `bytes`, sent in pieces of `pieceSize` with a pause between. */
function scriptedServer(bytes: Buffer, pieceSize: number, requests: string[] = []): net.Server {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    // The reader may hang up mid-answer (that is under test): writes after that fail, as expected.
    socket.on('error', () => {});
    socket.once('data', async (request) => {
      requests.push(request.toString('latin1'));
      for (let offset = 0; offset < bytes.length && !socket.destroyed; offset += pieceSize) {
        socket.write(bytes.subarray(offset, offset + pieceSize));
        await sleep(1);
      }
    });
  });
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
  });
  return server;
}

async function readAll(socketPath: string, target = '/logs', signal = new AbortController().signal) {
  const answer = await rawGet(socketPath, target, signal);
  const parts: Buffer[] = [];
  let reads = 0;
  await answer.readBody(
    (bytes, start, end) => parts.push(Buffer.from(bytes.subarray(start, end))),
    () => reads++,
  );
  return { status: answer.status, body: Buffer.concat(parts).toString('utf8'), reads };
}

const chunked = (...pieces: string[]) =>
  Buffer.from(
    'HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\nTransfer-Encoding: chunked\r\n\r\n' +
      pieces.map((piece) => `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`).join('') +
      '0\r\n\r\n',
  );

describe('rawGet', () => {
  it('sends a plain GET and decodes a chunked body split at every possible byte', async () => {
    const pieces = ['first line\n', 'é中 second\n', 'x'.repeat(300), '\n'];
    const response = chunked(...pieces);
    for (const pieceSize of [1, 2, 3, 7, 64, response.length]) {
      const requests: string[] = [];
      const socketPath = await listen(scriptedServer(response, pieceSize, requests));
      const { status, body } = await readAll(socketPath, '/v1.41/containers/smtp/logs?follow=1');
      expect(status).toBe(200);
      expect(body).toBe(pieces.join(''));
      expect(requests[0]).toMatch(/^GET \/v1\.41\/containers\/smtp\/logs\?follow=1 HTTP\/1\.1\r\nHost: docker\r\n/);
    }
  });

  it('reads a body of a given length, and node:http answers', async () => {
    const server = http.createServer((request, response) => {
      response.setHeader('Content-Length', 11);
      response.end(`hello ${request.url?.slice(1)}`);
    });
    const socketPath = await listen(server);
    expect(await readAll(socketPath, '/world')).toMatchObject({ status: 200, body: 'hello world' });
  });

  it('gives many HTTP chunks that arrived together to the reader as one read', async () => {
    // node:http's server flushes each write as its own chunk, as the engine does per log line.
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      for (let index = 0; index < 2000; index++) response.write(`line ${index}\n`);
      response.end();
    });
    const socketPath = await listen(server);
    const { body, reads } = await readAll(socketPath);
    expect(body.split('\n')).toHaveLength(2001);
    expect(reads).toBeLessThan(200);
  });

  it('hands over the status and the body of an error answer', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(404, { 'Content-Type': 'application/json' });
      response.end('{"message":"No such container: smtp"}');
    });
    const socketPath = await listen(server);
    const answer = await rawGet(socketPath, '/containers/smtp/logs', new AbortController().signal);
    expect(answer.status).toBe(404);
    expect((await answer.readErrorBody()).toString()).toBe('{"message":"No such container: smtp"}');
  });

  it('ends the read when the signal aborts a body that never ends', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200);
      response.write('first\n');
    });
    const socketPath = await listen(server);
    const controller = new AbortController();
    const answer = await rawGet(socketPath, '/logs', controller.signal);
    let received = '';
    const reading = answer.readBody((bytes, start, end) => (received += bytes.toString('utf8', start, end)));
    for (let waited = 0; received === '' && waited < 2000; waited += 10) await sleep(10);
    controller.abort();
    await reading;
    expect(received).toBe('first\n');
  });

  it('refuses what is not HTTP, and a socket nobody listens on', async () => {
    const socketPath = await listen(scriptedServer(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'), 64));
    await expect(rawGet(socketPath, '/logs', new AbortController().signal)).rejects.toThrow(/not an HTTP answer/);
    await expect(
      rawGet(path.join(tmpdir(), 'mh-nobody-listens.sock'), '/logs', new AbortController().signal),
    ).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ends the body read when the chunk framing is broken', async () => {
    const broken = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\nzz\r\n');
    const socketPath = await listen(scriptedServer(broken, 4));
    const { body } = await readAll(socketPath);
    expect(body).toBe('abcde');
  });
});
