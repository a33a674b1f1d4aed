// How figures read: kilometres, h:mm:ss, min/km, dates in the browser's own locale and time zone.

const dateFormat = new Intl.DateTimeFormat(undefined, {weekday: 'short', year: 'numeric', month: 'short', day: 'numeric'});
const timeFormat = new Intl.DateTimeFormat(undefined, {hour: '2-digit', minute: '2-digit'});

export function km(metres) {
  return metres == null ? '–' : `${(metres / 1000).toFixed(2)} km`;
}

export function duration(seconds) {
  if (seconds == null) return '–';
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

export function pace(secondsPerKm) {
  if (secondsPerKm == null || !Number.isFinite(secondsPerKm)) return '–';
  return `${duration(secondsPerKm)} /km`;
}

export function day(iso) {
  return dateFormat.format(new Date(iso));
}

export function clock(iso) {
  return timeFormat.format(new Date(iso));
}

export function metres(value) {
  return value == null ? '–' : `${Math.round(value)} m`;
}

export function bpm(value) {
  return value == null ? '–' : `${Math.round(value)} bpm`;
}
