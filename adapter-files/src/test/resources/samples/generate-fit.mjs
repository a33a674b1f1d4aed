// Writes the FIT samples with @markw65/fit-file-writer 0.1.9 (MIT). Deterministic: no randomness, fixed dates.
import { FitWriter } from "@markw65/fit-file-writer";
import { writeFileSync } from "node:fs";

const rad = (deg) => (deg * Math.PI) / 180;

function activity({ file, manufacturer, sport, subSport, start, seconds, gps, cadence, power, devField, pauseAt }) {
  const w = new FitWriter();
  const t0 = w.time(start);
  w.writeMessage("file_id", { type: "activity", manufacturer, product: 0, serial_number: 0x1234abcd, time_created: t0 }, null, true);
  if (devField) {
    w.writeMessage("developer_data_id", { developer_data_index: 0, application_version: 1 }, null, true);
    w.writeMessage("field_description", { developer_data_index: 0, field_definition_number: 0, fit_base_type_id: "uint16", field_name: "stryd_form_power", units: "W" }, null, true);
  }
  w.writeMessage("event", { timestamp: t0, event: "timer", event_type: "start" }, null, true);
  let dist = 0;
  let t = t0;
  let count = 0;
  for (let i = 0; i < seconds; i++) {
    if (pauseAt && i === pauseAt) t += 30; // a 30 s pause: elapsed time exceeds the sample span
    const rec = { timestamp: t, distance: dist, heart_rate: 120 + (i % 40), enhanced_altitude: 100 + 10 * Math.sin(i / 60), temperature: 18 };
    if (gps) {
      rec.position_lat = w.latlng(rad(52.5 + i * 0.00002));
      rec.position_long = w.latlng(rad(13.4 + i * 0.00001));
    }
    if (cadence) { rec.cadence = 85 + (i % 5); rec.fractional_cadence = 0.5; }
    if (power) rec.power = 200 + (i % 50);
    w.writeMessage("record", rec, devField ? [{ field_num: 0, value: 50 + (i % 7) }] : null, i === seconds - 1);
    dist += sport === "cycling" ? 7.5 : 3.1;
    t += 1;
    count++;
  }
  const end = t - 1;
  w.writeMessage("event", { timestamp: end, event: "timer", event_type: "stop_all" }, null, true);
  const elapsed = end - t0;
  w.writeMessage("lap", { timestamp: end, start_time: t0, total_elapsed_time: elapsed, total_timer_time: count - 1, total_distance: dist - (sport === "cycling" ? 7.5 : 3.1), sport, sub_sport: subSport }, null, true);
  w.writeMessage("session", { timestamp: end, start_time: t0, total_elapsed_time: elapsed, total_timer_time: count - 1, total_distance: dist - (sport === "cycling" ? 7.5 : 3.1), sport, sub_sport: subSport, num_laps: 1, first_lap_index: 0 }, null, true);
  w.writeMessage("activity", { timestamp: end, total_timer_time: count - 1, num_sessions: 1, type: "manual" }, null, true);
  const view = w.finish();
  writeFileSync(file, Buffer.from(view.buffer, view.byteOffset, view.byteLength));
}

activity({ file: "out/run-hr-cadence-devfield.fit", manufacturer: "coros", sport: "running", subSport: "trail", start: new Date("2024-05-04T06:30:00Z"), seconds: 900, gps: true, cadence: true, power: true, devField: true, pauseAt: 600 });
activity({ file: "out/treadmill-no-gps.fit", manufacturer: "garmin", sport: "running", subSport: "treadmill", start: new Date("2024-05-06T17:00:00Z"), seconds: 300, gps: false, cadence: true, power: false });
activity({ file: "out/ride-cycling.fit", manufacturer: "wahoo_fitness", sport: "cycling", subSport: "road", start: new Date("2024-05-05T08:00:00Z"), seconds: 600, gps: true, cadence: true, power: true });
