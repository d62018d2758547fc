// Backups to the world's S3 over HTTPS, as a test or a benchmark saves them: the settings and keys
// of backups.save for a prefix of its own.
import { DEFAULT_RETENTION } from '../../common/backups/backups-contract.js';
import type { S3State } from '../world/pieces/s3.js';

export function worldBackupSettings(s3: S3State, prefix: string, schedule = { enabled: false, time: '03:30' }) {
  return {
    settings: {
      destination: {
        provider: 'custom' as const,
        endpoint: s3.httpsGatewayEndpoint!,
        region: s3.region,
        bucket: s3.bucket,
        prefix,
        pathStyle: true,
      },
      retention: DEFAULT_RETENTION,
      schedule,
    },
    keys: { accessKeyId: s3.credentials.accessKeyId, secretAccessKey: s3.credentials.secretAccessKey },
  };
}
