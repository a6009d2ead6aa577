/**
 * A remote station's signal-chain settings (`stationSignalSchema`, docs/signal-chain.md) from its
 * configuration: the name pattern and clock offset, the sidecar rule, the gap tolerance, the
 * channel layout and the station-wide conditioning.
 */
import type { StationSignalSettings } from '../../shared/signal-settings.ts';
import type { RemoteStationConfig } from '../../shared/station-config.ts';

/** The station's settings in the signal chain's own shape (what the station worker applies). */
export function stationSignalOf(config: RemoteStationConfig): StationSignalSettings {
  return {
    recordingTime: { pattern: config.timePattern, tzOffsetMinutes: config.tzOffsetMinutes, sidecar: config.sidecar },
    gapToleranceMs: config.gapToleranceMs,
    channelLayout: config.channelLayout,
    ...(config.conditioning ? { conditioning: config.conditioning } : {}),
  };
}
