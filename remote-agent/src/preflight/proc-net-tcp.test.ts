import { describe, expect, it } from 'vitest';
import { parseProcNetTcp } from './proc-net-tcp.js';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41234 1 0000000000000000 100 0 0 10 0
   1: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 20001 1 0000000000000000 100 0 0 10 0
   2: 0A351DAC:0016 0135001D:C350 01 00000000:00000000 02:0009E7A2 00000000     0        0 30001 2 0000000000000000 20 4 30 10 -1
   3: 0A351DAC:01BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 30002 1 0000000000000000 100 0 0 10 0
`;

const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 50001 1 0000000000000000 100 0 0 10 0
   1: 00000000000000000000000001000000:0019 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 50002 1 0000000000000000 100 0 0 10 0
   2: B80D0120000000000000000005000000:03E1 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 50003 1 0000000000000000 100 0 0 10 0
   3: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 50004 1 0000000000000000 100 0 0 10 0
   4: B80D0120000000000000000005000000:C350 B80D0120000000000000000006000000:0019 01 00000000:00000000 00:00000000 00000000     0        0 50005 1 0000000000000000 100 0 0 10 0
`;

describe('parseProcNetTcp', () => {
  it('keeps IPv4 listening sockets with their address, port and inode', () => {
    expect(parseProcNetTcp(TCP)).toEqual([
      { address: '0.0.0.0', port: 25, inode: 41234 },
      { address: '127.0.0.1', port: 3306, inode: 20001 },
      { address: '172.29.53.10', port: 443, inode: 30002 },
    ]);
  });

  it('decodes IPv6 addresses word by word and skips sockets that are not listening', () => {
    expect(parseProcNetTcp(TCP6)).toEqual([
      { address: '::', port: 443, inode: 50001 },
      { address: '::1', port: 25, inode: 50002 },
      { address: '2001:db8::5', port: 993, inode: 50003 },
      { address: '::ffff:7f00:1', port: 8080, inode: 50004 },
    ]);
  });

  it('survives empty input, a header alone and malformed lines', () => {
    expect(parseProcNetTcp('')).toEqual([]);
    expect(parseProcNetTcp(TCP.split('\n')[0]!)).toEqual([]);
    expect(parseProcNetTcp(`header\n   0: XYZ:0019 00000000:0000 0A 0 0 0 0 0 123\n   1: garbage\n`)).toEqual([]);
  });
});
