import {
  StackOptionsSchema,
  type CertificateMethod,
  type StackOptions,
  type StackOptionsInput,
  type StackProfile,
} from '../../../../common/stack/stack-contract';
import { toAsciiDomain } from '../../../../common/values/domain';

/** What the options form holds while it is being filled in: text as typed, one token field per provider. */
export interface OptionsValues {
  domain: string;
  email: string;
  profile: StackProfile;
  method: CertificateMethod;
  cloudflareToken: string;
  digitaloceanToken: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Off unless chosen: the server's own resolvers are kept. */
  useResolvers: boolean;
  nameservers: [string, string, string];
}

export type OptionsField =
  | 'domain'
  | 'email'
  | 'cloudflareToken'
  | 'digitaloceanToken'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'nameserver1'
  | 'nameserver2'
  | 'nameserver3';

/** Each problem has its own words under setup.options.problems. */
export type OptionsProblem =
  | 'domainRequired'
  | 'domainInvalid'
  | 'emailRequired'
  | 'emailInvalid'
  | 'cloudflareTokenRequired'
  | 'cloudflareTokenInvalid'
  | 'digitaloceanTokenRequired'
  | 'digitaloceanTokenInvalid'
  | 'accessKeyIdRequired'
  | 'accessKeyIdInvalid'
  | 'secretAccessKeyRequired'
  | 'secretAccessKeyInvalid'
  | 'nameserversRequired'
  | 'nameserverInvalid';

export type OptionsProblems = Partial<Record<OptionsField, OptionsProblem>>;

export type OptionsCheck = { ok: true; options: StackOptions } | { ok: false; problems: OptionsProblems };

export const EMPTY_OPTIONS: OptionsValues = {
  domain: '',
  email: '',
  profile: 'full',
  method: 'http',
  cloudflareToken: '',
  digitaloceanToken: '',
  accessKeyId: '',
  secretAccessKey: '',
  useResolvers: false,
  nameservers: ['', '', ''],
};

/** The order fields appear in, so the first problem can take focus. */
export const OPTIONS_FIELD_ORDER: readonly OptionsField[] = [
  'domain',
  'email',
  'cloudflareToken',
  'digitaloceanToken',
  'accessKeyId',
  'secretAccessKey',
  'nameserver1',
  'nameserver2',
  'nameserver3',
];

const NAMESERVER_FIELDS = ['nameserver1', 'nameserver2', 'nameserver3'] as const;

/** The nameserver fields that were filled in, with the field each came from (empty ones are left out). */
function filledNameservers(values: OptionsValues): { field: OptionsField; address: string }[] {
  return values.nameservers
    .map((address, index) => ({ field: NAMESERVER_FIELDS[index]!, address: address.trim() }))
    .filter((entry) => entry.address !== '');
}

/** What stack.plan and stack.install are sent, before the contract's own rules have looked at it. */
export function toOptionsInput(values: OptionsValues): StackOptionsInput {
  const certificates: StackOptionsInput['certificates'] =
    values.method === 'cloudflare'
      ? { method: 'cloudflare', apiToken: values.cloudflareToken }
      : values.method === 'digitalocean'
        ? { method: 'digitalocean', apiToken: values.digitaloceanToken }
        : values.method === 'route53'
          ? { method: 'route53', accessKeyId: values.accessKeyId, secretAccessKey: values.secretAccessKey }
          : { method: values.method };
  return {
    domain: values.domain,
    email: values.email,
    profile: values.profile,
    certificates,
    ...(values.useResolvers
      ? { resolver: { nameservers: filledNameservers(values).map((entry) => entry.address) } }
      : {}),
  };
}

/**
 * Holds the choices to the same rules the agent uses (StackOptionsSchema), and names each mistake
 * on the field it is about, with words that say how to fix it.
 */
export function checkOptions(values: OptionsValues): OptionsCheck {
  const parsed = StackOptionsSchema.safeParse(toOptionsInput(values));
  if (parsed.success) return { ok: true, options: parsed.data };
  const problems: OptionsProblems = {};
  const nameservers = filledNameservers(values);
  for (const issue of parsed.error.issues) {
    const found = problemOf(issue.path.map(String), values, nameservers);
    if (found) problems[found.field] ??= found.problem;
  }
  // Every rule is mapped above; this only guards against a rule added to the contract later.
  if (Object.keys(problems).length === 0) problems.domain = 'domainInvalid';
  return { ok: false, problems };
}

function problemOf(
  path: string[],
  values: OptionsValues,
  nameservers: { field: OptionsField; address: string }[],
): { field: OptionsField; problem: OptionsProblem } | undefined {
  const empty = (text: string) => text.trim() === '';
  const [first, second, third] = path;
  if (first === 'domain')
    return { field: 'domain', problem: empty(values.domain) ? 'domainRequired' : 'domainInvalid' };
  if (first === 'email') return { field: 'email', problem: empty(values.email) ? 'emailRequired' : 'emailInvalid' };
  if (first === 'certificates') {
    if (second === 'apiToken' && values.method === 'cloudflare') {
      return {
        field: 'cloudflareToken',
        problem: empty(values.cloudflareToken) ? 'cloudflareTokenRequired' : 'cloudflareTokenInvalid',
      };
    }
    if (second === 'apiToken' && values.method === 'digitalocean') {
      return {
        field: 'digitaloceanToken',
        problem: empty(values.digitaloceanToken) ? 'digitaloceanTokenRequired' : 'digitaloceanTokenInvalid',
      };
    }
    if (second === 'accessKeyId') {
      return {
        field: 'accessKeyId',
        problem: empty(values.accessKeyId) ? 'accessKeyIdRequired' : 'accessKeyIdInvalid',
      };
    }
    if (second === 'secretAccessKey') {
      return {
        field: 'secretAccessKey',
        problem: empty(values.secretAccessKey) ? 'secretAccessKeyRequired' : 'secretAccessKeyInvalid',
      };
    }
    return undefined;
  }
  if (first === 'resolver') {
    const index = third === undefined ? undefined : Number(third);
    const entry = index === undefined ? undefined : nameservers[index];
    // Too many cannot happen (three fields); too few means every field was left empty.
    return entry
      ? { field: entry.field, problem: 'nameserverInvalid' }
      : { field: 'nameserver1', problem: 'nameserversRequired' };
  }
  return undefined;
}

/**
 * The ASCII (punycode) form of an international domain, for the hint under the field; undefined
 * when the domain is plain ASCII already, or not a domain at all.
 */
export function asciiFormOf(domain: string): string | undefined {
  const ascii = toAsciiDomain(domain);
  if (!ascii) return undefined;
  return ascii === domain.trim().replace(/\.$/, '').toLowerCase() ? undefined : ascii;
}
