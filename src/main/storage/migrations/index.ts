/**
 * Numbered schema migrations, applied in order inside one transaction each.
 *
 * Never edit a released migration: add the next number. `PRAGMA user_version`
 * records the last one applied.
 */
import { sql as init } from './0001-init.ts';
import { sql as signalChain } from './0002-signal-chain.ts';
import { sql as models } from './0003-models.ts';
import { sql as sftpIngest } from './0004-sftp-ingest.ts';
import { sql as ais } from './0005-ais.ts';
import { sql as labelsMetrics } from './0006-labels-metrics.ts';
import { sql as sessions } from './0007-sessions.ts';
import { sql as designationsMetrics } from './0012-designations-metrics.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'signal-chain', sql: signalChain },
  { version: 3, name: 'models', sql: models },
  { version: 4, name: 'sftp-ingest', sql: sftpIngest },
  { version: 5, name: 'ais', sql: ais },
  { version: 6, name: 'labels-metrics', sql: labelsMetrics },
  { version: 7, name: 'sessions', sql: sessions },
  { version: 12, name: 'designations-metrics', sql: designationsMetrics },
];
