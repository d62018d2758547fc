#!/usr/bin/env python3
"""Mailboxes of the forwardemail stand-in: real SQLite files in WAL mode where upstream keeps them
(/mnt/sqlite_storage/<alias id>.sqlite), written while the stack runs, so backup and restore tests
prove something. Each write is one transaction that adds message number N+1 and sets the mailbox's
`state.last_seq` to N+1: a consistent copy has messages 1..last_seq exactly, no gap, no torn write.

What a stand-in cannot show: upstream encrypts each mailbox with a key derived from its password
(so a real file cannot be opened without it); these are plain SQLite, with the same file layout.

  mailstore.py write  [--dir D] [--mailboxes N] [--interval-ms M] [--role sqlite|imap]
  mailstore.py verify FILE         integrity_check and the sequence rule; prints JSON
  mailstore.py last   [--dir D]    {mailbox: last_seq} of every mailbox; prints JSON
"""
import argparse
import json
import os
import random
import signal
import sqlite3
import sys
import time

DEFAULT_DIR = '/mnt/' + os.environ.get('SQLITE_STORAGE_PATH', 'sqlite_storage')


def mailbox_path(directory, index):
    return os.path.join(directory, 'alias-%03d.sqlite' % index)


def open_mailbox(path):
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    db.execute('PRAGMA journal_mode=WAL')
    db.execute('PRAGMA synchronous=NORMAL')
    db.execute('CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY, received_at TEXT, seen INTEGER DEFAULT 0, body BLOB)')
    db.execute('CREATE TABLE IF NOT EXISTS state (id INTEGER PRIMARY KEY CHECK (id = 1), last_seq INTEGER NOT NULL)')
    db.execute('INSERT OR IGNORE INTO state (id, last_seq) VALUES (1, 0)')
    return db


def write(args):
    os.makedirs(args.dir, exist_ok=True)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    dbs = [open_mailbox(mailbox_path(args.dir, i)) for i in range(1, args.mailboxes + 1)]
    rng = random.Random(os.getpid())
    while not stop:
        db = rng.choice(dbs)
        try:
            db.execute('BEGIN IMMEDIATE')
            if args.role == 'imap':
                # An IMAP client marks a message seen: an update in place.
                db.execute('UPDATE messages SET seen = 1 WHERE seq = (SELECT max(seq) FROM messages WHERE seen = 0)')
            else:
                last = db.execute('SELECT last_seq FROM state WHERE id = 1').fetchone()[0]
                body = os.urandom(rng.randint(200, 6000))
                db.execute('INSERT INTO messages (seq, received_at, body) VALUES (?, ?, ?)', (last + 1, time.time(), body))
                db.execute('UPDATE state SET last_seq = ? WHERE id = 1', (last + 1,))
            db.execute('COMMIT')
        except sqlite3.OperationalError as error:
            # Locked by the other writer: this one tries again on its next turn.
            try:
                db.execute('ROLLBACK')
            except sqlite3.OperationalError:
                pass
            print('mailstore: %s' % error, file=sys.stderr, flush=True)
        time.sleep(args.interval_ms / 1000.0)


def verify(args):
    db = sqlite3.connect(args.file, timeout=30)
    integrity = db.execute('PRAGMA integrity_check').fetchone()[0]
    last = db.execute('SELECT last_seq FROM state WHERE id = 1').fetchone()[0]
    count, low, high = db.execute('SELECT count(*), min(seq), max(seq) FROM messages').fetchone()
    ok = integrity == 'ok' and count == last and (last == 0 or (low == 1 and high == last))
    print(json.dumps({'ok': ok, 'integrity': integrity, 'last': last, 'count': count, 'min': low, 'max': high}))


def last(args):
    out = {}
    for name in sorted(os.listdir(args.dir)):
        if not name.endswith('.sqlite'):
            continue
        db = sqlite3.connect(os.path.join(args.dir, name), timeout=30)
        out[name] = db.execute('SELECT last_seq FROM state WHERE id = 1').fetchone()[0]
        db.close()
    print(json.dumps(out))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest='command', required=True)
    w = sub.add_parser('write')
    w.add_argument('--dir', default=DEFAULT_DIR)
    w.add_argument('--mailboxes', type=int, default=int(os.environ.get('STANDIN_MAILBOXES', '4')))
    w.add_argument('--interval-ms', type=int, default=int(os.environ.get('STANDIN_MAIL_INTERVAL_MS', '250')))
    w.add_argument('--role', default='sqlite', choices=['sqlite', 'imap'])
    v = sub.add_parser('verify')
    v.add_argument('file')
    l = sub.add_parser('last')
    l.add_argument('--dir', default=DEFAULT_DIR)
    args = parser.parse_args()
    {'write': write, 'verify': verify, 'last': last}[args.command](args)


if __name__ == '__main__':
    main()
