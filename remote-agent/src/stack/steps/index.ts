import type { InstallStep } from '../install-step.js';
import { adoptionStep } from './adoption.js';
import { certificatesStep } from './certificates.js';
import { containersStep } from './containers.js';
import { dkimStep } from './dkim.js';
import { dockerStep } from './docker.js';
import { environmentStep } from './environment.js';
import { firewallStep } from './firewall.js';
import { healthStep } from './health.js';
import { imagesStep } from './images.js';
import { packagesStep } from './packages.js';
import { resolverStep } from './resolver.js';
import { stackFilesStep } from './stack-files.js';

/** The install, in order (the order of INSTALL_STEP_IDS; a unit test holds the two together). */
export const installSteps: InstallStep[] = [
  resolverStep,
  dockerStep,
  packagesStep,
  firewallStep,
  stackFilesStep,
  environmentStep,
  dkimStep,
  imagesStep,
  certificatesStep,
  adoptionStep,
  containersStep,
  healthStep,
];
