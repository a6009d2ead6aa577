import { describe, expect, it } from 'vitest';
import { footerLines, metadataChunks, wrapText } from './figure.ts';

describe('figure metadata', () => {
  const meta = {
    title: 'Review — demo', stationId: 'demo', stationName: 'Demo station', from: Date.UTC(2025, 0, 1, 12), to: Date.UTC(2025, 0, 1, 12, 15),
    models: ['baseline-logreg@1.0.0', 'cnn@2.1.0'], mappingVersions: [1], appVersion: '0.1.0', at: Date.UTC(2025, 0, 2),
  };

  it('says station, UTC range, model versions and mapping version in the footer and the chunks alike', () => {
    expect(footerLines(meta)).toEqual([
      'Station: Demo station (demo) · 2025-01-01 12:00:00 – 2025-01-01 12:15:00 UTC',
      'Models: baseline-logreg@1.0.0, cnn@2.1.0 · Class mapping version: 1',
      'Exported 2025-01-02T00:00:00Z by Acoustic Inference Workstation 0.1.0',
    ]);
    expect(metadataChunks(meta)).toMatchObject({
      Title: 'Review — demo', Station: 'demo', 'Time range': '2025-01-01T12:00:00Z/2025-01-01T12:15:00Z', Models: 'baseline-logreg@1.0.0, cnn@2.1.0',
      'Mapping version': '1', 'Creation Time': '2025-01-02T00:00:00Z',
    });
  });

  it('says what is missing rather than leaving blanks', () => {
    expect(footerLines({ title: 't', models: [], mappingVersions: [], at: 0 })[0]).toBe('Station: no station · no time range');
  });

  it('wraps long footer lines at spaces', () => {
    expect(wrapText('aa bb cc dd', 5, (t) => t.length)).toEqual(['aa bb', 'cc dd']);
    expect(wrapText('averyveryverylongword x', 5, (t) => t.length)).toEqual(['averyveryverylongword', 'x']);
  });
});
