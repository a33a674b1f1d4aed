// Expected values for the FIT samples, from fit-file-parser 6.1.2 (MIT), an independent decoder.
import FitParser from "fit-file-parser";
import { readFileSync } from "node:fs";
const parser = new FitParser({ force: false, speedUnit: "m/s", lengthUnit: "m", elapsedRecordField: false, mode: "list" });
for (const f of process.argv.slice(2)) {
  const buf = readFileSync(f);
  parser.parse(buf, (err, data) => {
    if (err) { console.log(f, "ERROR", err); return; }
    const recs = data.records;
    const s = data.sessions[0] || {};
    const first = recs[0];
    console.log(JSON.stringify({
      file: f,
      manufacturer: data.file_ids?.[0]?.manufacturer ?? data.file_id?.manufacturer,
      sport: s.sport, sub_sport: s.sub_sport,
      session_start: s.start_time, total_elapsed_time: s.total_elapsed_time, total_distance: s.total_distance,
      records: recs.length,
      hr_records: recs.filter((r) => r.heart_rate !== undefined).length,
      pos_records: recs.filter((r) => r.position_lat !== undefined).length,
      first: { t: first.timestamp, lat: first.position_lat, lon: first.position_long, alt: first.enhanced_altitude ?? first.altitude, hr: first.heart_rate, cad: first.cadence, fcad: first.fractional_cadence, power: first.power, temp: first.temperature, dist: first.distance },
      last: { t: recs[recs.length - 1].timestamp, dist: recs[recs.length - 1].distance },
    }));
  });
}
