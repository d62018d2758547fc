// The slice of s3rver (npm, no bundled types) that the world's S3 daemon uses.
declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface S3rverOptions {
    directory: string;
    configureBuckets?: { name: string; configs?: string[] }[];
    silent?: boolean;
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    configureBuckets(): Promise<void>;
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  }
}

declare module 's3rver/lib/models/account.js' {
  const AWSAccount: unknown;
  export default AWSAccount;
}
