/**
 * Placeholder for pages not built yet.
 */
const PLANS: Record<string, string> = {
  Map: 'The station, AIS tracks coloured by class and range rings, offline (no tile server).',
  Metrics: 'Per-model accuracy, precision, recall and F1 against AIS-derived truth, by day and by class.',
  Sessions: 'Recorded and replayed sessions: pick a time range and re-run models over it.',
  Settings: 'Stations, SFTP sources, AIS feed, radius and data folder.',
};

export function ComingSoon({ title }: { title: string }) {
  return (
    <div className="coming-soon">
      <h1>{title}</h1>
      <p className="muted">Coming in a later version.</p>
      {PLANS[title] && <p>{PLANS[title]}</p>}
    </div>
  );
}
