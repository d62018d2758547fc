import { z } from 'zod';
import { DomainSchema, EmailSchema } from '../values/domain.js';
import { JobIdSchema } from '../jobs/jobs-contract.js';
import { forwarded, method } from '../rpc/method-spec.js';

/**
 * What the user chooses for a mail-stack install, what the product points it at (outside
 * addresses), and what the agent reports back: the plan, the detection of an existing install
 * and the first-login details. Shared by the agent and the app (browser-safe: no Node imports),
 * so the same rules name the same field on both sides of the wire.
 */

// ---- Names -------------------------------------------------------------------------------------

/** Provider API tokens: written byte-exact into a root-only credentials file, so a narrow alphabet. */
const ApiTokenSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9_.-]{20,256}$/,
    'expected the API token exactly as the provider shows it (letters, digits, - _ .)',
  );

const IpAddressSchema = z
  .string()
  .trim()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]{2,39})$/, 'expected an IP address such as 1.1.1.1 or 2606:4700::1111');

// ---- Options -------------------------------------------------------------------------------

export const CertificateMethodSchema = z.enum(['http', 'cloudflare', 'digitalocean', 'route53', 'manual']);
export type CertificateMethod = z.infer<typeof CertificateMethodSchema>;

export const CertificateOptionsSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('http') }).strict(),
  z.object({ method: z.literal('cloudflare'), apiToken: ApiTokenSchema }).strict(),
  z.object({ method: z.literal('digitalocean'), apiToken: ApiTokenSchema }).strict(),
  z
    .object({
      method: z.literal('route53'),
      accessKeyId: z
        .string()
        .trim()
        .regex(/^[A-Z0-9]{16,128}$/, 'expected an AWS access key id such as AKIA...'),
      secretAccessKey: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9/+=]{20,128}$/, 'expected the AWS secret access key exactly as AWS shows it'),
    })
    .strict(),
  z.object({ method: z.literal('manual') }).strict(),
]);
export type CertificateOptions = z.infer<typeof CertificateOptionsSchema>;

/** "full": every service, mailboxes stored on the server; "forwarding": forwarding only. */
export const StackProfileSchema = z.enum(['full', 'forwarding']);
export type StackProfile = z.infer<typeof StackProfileSchema>;

export const StackOptionsSchema = z
  .object({
    domain: DomainSchema,
    /** For the certificate authority's expiry notices. */
    email: EmailSchema,
    profile: StackProfileSchema,
    certificates: CertificateOptionsSchema,
    /** Off unless chosen: replace /etc/resolv.conf's nameservers (the old file is kept beside it). */
    resolver: z
      .object({ nameservers: z.array(IpAddressSchema).min(1).max(3) })
      .strict()
      .optional(),
  })
  .strict();
export type StackOptions = z.output<typeof StackOptionsSchema>;
export type StackOptionsInput = z.input<typeof StackOptionsSchema>;

export const HttpUrlSchema = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s'"`\\]+$/, 'expected an http(s) URL');

/** host[:port][/path]: where images come from (a mirror, or the test world's registry). */
const RegistrySchema = z
  .string()
  .max(256)
  .regex(
    /^[A-Za-z0-9.-]+(:\d{1,5})?(\/[a-z0-9._/-]+)?$/,
    'expected a registry such as ghcr.io or mirror.example.com:5000',
  );

/**
 * Every outside address an install contacts. The app always sends all of them (its defaults
 * are the real services); tests point each one at the test world, so nothing falls back to the
 * internet by accident.
 */
export const StackEnvironmentSchema = z
  .object({
    acme: z
      .object({
        directoryUrl: HttpUrlSchema,
        /** PEM of a CA that signs the ACME server's own TLS certificate, when not a public one. */
        caBundlePem: z.string().max(65_536).optional(),
      })
      .strict(),
    /** GitHub-shaped "latest release" URL ({ tag_name }) of the forwardemail.net-selfhosted image. */
    releaseFeedUrl: HttpUrlSchema,
    /** MAILHARBOR_REGISTRY: registry of ghcr.io/forwardemail/forwardemail.net-selfhosted. */
    imageRegistry: RegistrySchema,
    /** MAILHARBOR_DOCKERHUB_MIRROR: registry/namespace of nginx, mongo and redis. */
    dockerHubMirror: RegistrySchema,
    /** Docker's apt repository (https://download.docker.com/linux); the distribution's packages are the fallback. */
    dockerAptRepository: HttpUrlSchema,
  })
  .strict();
export type StackEnvironment = z.infer<typeof StackEnvironmentSchema>;

export const StackInstallParamsSchema = z
  .object({ options: StackOptionsSchema, environment: StackEnvironmentSchema })
  .strict();
export type StackInstallParams = z.output<typeof StackInstallParamsSchema>;

// ---- Install steps, plan, detection --------------------------------------------------------------

/** The install's steps in order; the app words each as install.steps.<id>. */
export const INSTALL_STEP_IDS = [
  'resolver',
  'docker',
  'packages',
  'firewall',
  'stackFiles',
  'environment',
  'dkim',
  'images',
  'certificates',
  'adoption',
  'containers',
  'health',
] as const;
export type InstallStepId = (typeof INSTALL_STEP_IDS)[number];

export const PlannedChangeSchema = z.object({
  kind: z.enum([
    'package',
    'file',
    'directory',
    'firewall',
    'resolver',
    'service',
    'container',
    'certificate',
    'secret',
    'schedule',
    'mailbox',
  ]),
  /** What changes: a path, a package, a port, a service name. Never a secret's value. */
  target: z.string().max(512),
  action: z.enum(['create', 'change', 'keep', 'install', 'start', 'skip', 'remove', 'copy']),
  note: z.string().max(1024).optional(),
});
export type PlannedChange = z.infer<typeof PlannedChangeSchema>;

export const PlannedStepSchema = z.object({
  id: z.enum(INSTALL_STEP_IDS),
  /** done: the server is already as this step would leave it, so the install skips it. */
  state: z.enum(['todo', 'done', 'skipped']),
  changes: z.array(PlannedChangeSchema),
});
export type PlannedStep = z.infer<typeof PlannedStepSchema>;

export const StackDetectionSchema = z.object({
  /** none; made by Mailharbor; made by upstream's setup.sh (adopted without touching its secrets). */
  installedBy: z.enum(['none', 'mailharbor', 'upstream']),
  directory: z.string(),
  domain: z.string().optional(),
  profile: StackProfileSchema.optional(),
  imageTag: z.string().optional(),
});
export type StackDetection = z.infer<typeof StackDetectionSchema>;

export const StackPlanSchema = z.object({
  detection: StackDetectionSchema,
  steps: z.array(PlannedStepSchema),
});
export type StackPlan = z.infer<typeof StackPlanSchema>;

/** What the success screen shows: where to log in first, with what, and the mail-client settings. */
export const StackAccessSchema = z.object({
  domain: z.string(),
  webUrl: z.string(),
  username: z.string(),
  password: z.string(),
  profile: StackProfileSchema,
  imageTag: z.string(),
  mailClient: z.object({
    imap: z.object({ host: z.string(), port: z.number().int() }).optional(),
    pop3: z.object({ host: z.string(), port: z.number().int() }).optional(),
    smtp: z.object({ host: z.string(), port: z.number().int() }),
  }),
});
export type StackAccess = z.infer<typeof StackAccessSchema>;

// ---- DNS facts -------------------------------------------------------------------------------

/**
 * What the desktop's DNS page builds its record plan from (stack/dns-facts.ts): the installed domain and
 * profile, the server's own addresses, and the DKIM selector with the public key (base64 SPKI, the p= of
 * the DKIM record). Never anything secret.
 */
export const DnsFactsSchema = z.object({
  domain: z.string().min(1).max(253),
  profile: StackProfileSchema,
  ipv4: z.ipv4().optional(),
  ipv6: z.ipv6().optional(),
  privateIpv4: z.array(z.ipv4()).max(64),
  dkim: z.object({
    selector: z.string().min(1).max(253),
    publicKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64'),
  }),
});
export type DnsFactsResult = z.infer<typeof DnsFactsSchema>;

// ---- Methods and the install job ---------------------------------------------------------------

export const stackMethods = {
  /** Read only: what an install with these choices would change on this server now, step by step. */
  'stack.plan': method(StackInstallParamsSchema, StackPlanSchema),
  /** Read only: is a stack installed here, by whom, for which domain. */
  'stack.detect': forwarded(z.object({}).strict(), StackDetectionSchema),
  /** Read only (root): the first-login details and mail-client settings of the installed stack. */
  'stack.access': forwarded(z.object({}).strict(), StackAccessSchema),
  /** The user published the DNS challenge a waiting install job showed: the job goes on. */
  'stack.confirmDnsChallenge': method(z.object({ jobId: JobIdSchema }).strict(), z.object({ confirmed: z.boolean() })),
  /** Read only (root): what the DNS page builds the record plan from (stack/dns-facts.ts). */
  'stack.dnsFacts': method(z.object({}).strict(), DnsFactsSchema),
} as const;

export const stackJobKinds = {
  /** Installs (or adopts and completes) the mail stack; every step is idempotent, so a re-run resumes. */
  'stack.install': { params: StackInstallParamsSchema, mutating: true },
} as const;
