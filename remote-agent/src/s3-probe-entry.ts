// The S3 client the connection test uses, bundled apart from the agent (dist/agent/s3-probe.cjs):
// it is a megabyte of code that every agent process would otherwise load to sit unused, and the
// agent's memory while following logs is held under 80 MB. Loaded by backups/s3-probe-loader.ts.
export { testConnection } from './backups/s3-probe.js';
