// Privacy: the places (home, work) whose surroundings are cut from every route others see (a coach, a
// public link), and how much of each run's start and end to hide.

import {api} from '../api.js';
import {append, h} from '../dom.js';

const MAX_ZONES = 10;

export async function privacyView(main, params, app) {
  const settings = await api('/api/v1/privacy');
  const zones = h('ol', {class: 'zones', id: 'privacy-zones'});
  const hide = h('input', {type: 'number', id: 'hide-start-end', name: 'hide_start_end_m', min: '0', max: '1000', step: '1',
    value: String(settings.hide_start_end_m ?? 0)});
  const saved = h('span', {class: 'saved', role: 'status', 'aria-live': 'polite'});
  const add = h('button', {type: 'button', class: 'secondary', onclick: () => addZone({lat: '', lon: '', radius_m: 300})}, 'Add a place');
  let next = 0;

  function addZone(zone) {
    if (zones.children.length >= MAX_ZONES) return;
    const n = next++;
    const field = (name, label, value, extra) => [
      h('label', {for: `zone-${n}-${name}`}, label),
      h('input', {type: 'number', id: `zone-${n}-${name}`, name, required: true, value: String(value), ...extra})];
    const item = h('li', {class: 'zone'},
      field('lat', 'Latitude', zone.lat, {min: '-90', max: '90', step: 'any'}),
      field('lon', 'Longitude', zone.lon, {min: '-180', max: '180', step: 'any'}),
      field('radius_m', 'Radius (m)', zone.radius_m, {min: '100', max: '2000', step: '1'}),
      h('button', {type: 'button', class: 'link', onclick: () => {
        item.remove();
        add.disabled = false;
      }}, 'Remove'));
    zones.append(item);
    add.disabled = zones.children.length >= MAX_ZONES;
  }
  settings.zones.forEach(addZone);

  const form = h('form', {class: 'privacy', onsubmit: async (event) => {
    event.preventDefault();
    saved.textContent = 'Saving…';
    const body = {
      zones: [...zones.children].map((item) => Object.fromEntries(
        [...item.querySelectorAll('input')].map((input) => [input.name, Number(input.value)]))),
      hide_start_end_m: Number(hide.value || 0),
    };
    try {
      await api('/api/v1/privacy', {method: 'PUT', body});
      saved.textContent = 'Saved.';
    } catch (error) {
      saved.textContent = '';
      app.fail(error);
    }
  }},
  h('h2', {}, 'Private places'),
  h('p', {class: 'muted'}, `Up to ${MAX_ZONES} places; each hides every point within its radius (100–2,000 m).`),
  zones, add,
  h('h2', {}, h('label', {for: 'hide-start-end'}, 'Hide the start and end of every run (metres)')), hide,
  h('div', {class: 'row'}, h('button', {type: 'submit'}, 'Save'), saved));

  append(main, [
    h('h1', {tabindex: '-1'}, 'Privacy'),
    h('p', {}, 'What a coach or anyone with a public link sees of your routes. Your own views always show everything.'),
    form]);
}
