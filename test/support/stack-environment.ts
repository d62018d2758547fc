import { readFileSync } from 'node:fs';
import type { StackEnvironment } from '../../common/stack/stack-contract.js';
import type { AcmeState } from '../world/pieces/acme.js';
import type { ReleaseFeedState } from '../world/pieces/release-feed.js';
import { pieceState } from '../world/pieces/shared/piece-state.js';
import type { WorldState } from '../world/world.js';

/**
 * Outside addresses for tests that never install: all on the discard port, which refuses at once,
 * so a test that strays fails fast instead of reaching Let's Encrypt, GitHub or a registry.
 */
export const UNREACHABLE_STACK_ENVIRONMENT: StackEnvironment = {
  acme: { directoryUrl: 'https://127.0.0.1:9/directory' },
  releaseFeedUrl: 'http://127.0.0.1:9/releases/latest',
  imageRegistry: '127.0.0.1:9',
  dockerHubMirror: '127.0.0.1:9',
  dockerAptRepository: 'http://127.0.0.1:9/linux',
};

/**
 * The test world as an install sees it from inside a VPS: pebble for certificates (its TLS signed by
 * the world CA), the release feed (Mailharbor's shape, with digests) on the world gateway, the world registry for every image. Docker's
 * own apt repository stays unreachable on purpose: the install falls back to Debian's packages.
 */
export function worldStackEnvironment(world: WorldState): StackEnvironment {
  const acme = pieceState<AcmeState>(world, 'acme');
  const feed = pieceState<ReleaseFeedState>(world, 'release-feed');
  if (!feed.gatewayBaseUrl) throw new Error('the release feed has no gateway address: VPSes cannot reach it');
  return {
    acme: { directoryUrl: acme.directoryUrl, caBundlePem: readFileSync(acme.apiCaBundle, 'utf8') },
    releaseFeedUrl: `${feed.gatewayBaseUrl}${feed.feedPath}`,
    imageRegistry: world.registry.address,
    dockerHubMirror: world.registry.address,
    dockerAptRepository: UNREACHABLE_STACK_ENVIRONMENT.dockerAptRepository,
  };
}
