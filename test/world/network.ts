// The world's one docker bridge network. Its addresses are fixed so host-side services (DNS, ACME, registry)
// can listen on the gateway IP before any container exists, and so tests can name VPSes by stable IPs.
export const WORLD_NETWORK = 'mailharbor-world';
export const WORLD_SUBNET = '172.29.53.0/24';
export const WORLD_GATEWAY = '172.29.53.1';
/**
 * Docker hands out addresses to containers without a fixed IP only from this upper half, so they can never
 * take a VPS's fixed address (.10 - .49) before the VPS is created.
 */
export const WORLD_DYNAMIC_RANGE = '172.29.53.128/25';
/** The bridge interface name, fixed so host daemons can check it exists before binding the gateway IP. */
export const WORLD_BRIDGE = 'br-mh-world';
/** VPS number n (0, 1, ...) gets 172.29.53.(10 + n). */
export const VPS_FIRST_HOST = 10;
export const VPS_MAX = 40;

export function vpsIp(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= VPS_MAX) throw new Error(`VPS index out of range: ${index}`);
  return `172.29.53.${VPS_FIRST_HOST + index}`;
}
