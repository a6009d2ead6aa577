/**
 * Signal chain (issue 3): the display spectrogram tile pyramids of each station stream.
 *
 * A pyramid is one display geometry (rate, FFT size, hop, dB quantisation) of one station; its
 * tiles are files under cache/tiles/<pyramid id>/L<level>/<index>.tile, indexed here so a time
 * range at a zoom level is found without listing folders.
 */
export const sql = `
CREATE TABLE spectrogram_pyramids (
  id INTEGER PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id) ON DELETE CASCADE,
  sample_rate INTEGER NOT NULL,
  n_fft INTEGER NOT NULL,
  hop INTEGER NOT NULL,
  column_ms REAL NOT NULL,
  bins INTEGER NOT NULL,
  f_max_hz REAL NOT NULL,
  db_floor REAL NOT NULL,
  db_ceil REAL NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  UNIQUE (station_id, sample_rate, n_fft, hop, db_floor, db_ceil)
);

CREATE TABLE spectrogram_tiles (
  pyramid_id INTEGER NOT NULL REFERENCES spectrogram_pyramids(id) ON DELETE CASCADE,
  level INTEGER NOT NULL,
  tile_index INTEGER NOT NULL,
  start_time REAL NOT NULL,
  end_time REAL NOT NULL,
  columns INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (pyramid_id, level, tile_index)
) WITHOUT ROWID;
`;
