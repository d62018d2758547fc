/**
 * Every outside address the product contacts can be replaced from the environment, so a test
 * world (or a company proxy) stands in for the internet. Unset means the product's defaults.
 */
export function smtpProbeTargetsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const raw = environment.MAILHARBOR_SMTP_PROBE_TARGETS?.trim();
  if (!raw) return undefined;
  const targets = raw.split(',').map((target) => target.trim());
  for (const target of targets) {
    if (!/^(\[[0-9a-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/i.test(target)) {
      throw new Error(`MAILHARBOR_SMTP_PROBE_TARGETS: "${target}" is not host:port (for example mx.example.com:25)`);
    }
  }
  return targets;
}
