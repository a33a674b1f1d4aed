'use strict'
// WatermelonDB's own synchronize() against a real FitSync server: every scenario ends with all
// clients and the server holding the same records.
const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const { startServer, token } = require('../lib/server')
const { Client, serverSnapshot } = require('../lib/client')

let server
let users = 0

before(async () => {
  server = await startServer()
})

after(async () => {
  if (server) await server.stop()
})

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Two (or more) clients of one fresh user. */
function clientsOfOneUser(count = 2, options = {}) {
  const user = `interop-user-${process.pid}-${users++}`
  const t = token(user)
  return { token: t, clients: Array.from({ length: count }, () => new Client(server, t, options)) }
}

async function assertConverged(t, clients) {
  const expected = await serverSnapshot(server, t)
  for (const client of clients) {
    assert.deepStrictEqual(await client.snapshot(), expected)
  }
  return expected
}

for (const order of ['earlier edit syncs first', 'later edit syncs first']) {
  test(`offline edits on two clients: the later edit wins everywhere (${order})`, async () => {
    const { token: t, clients: [a, b] } = clientsOfOneUser()
    await a.create('workouts', 'w1', { name: 'Leg day' })
    await a.create('settings', 's1', { key: 'units', value: 'km' })
    await a.sync()
    await b.sync()
    // Both go offline and edit the same records; b edits later.
    await a.edit('workouts', 'w1', { name: 'from a' })
    await a.edit('settings', 's1', { value: 'mi' })
    await sleep(20)
    await b.edit('workouts', 'w1', { name: 'from b' })
    await b.edit('settings', 's1', { value: 'km (b)' })
    const [first, second] = order === 'earlier edit syncs first' ? [a, b] : [b, a]
    await first.sync()
    await second.sync()
    await first.sync()
    await second.sync()
    const state = await assertConverged(t, [a, b])
    assert.equal(state.workouts.w1.name, 'from b')
    assert.equal(state.settings.s1.value, 'km (b)')
  })
}

for (const order of ['delete syncs first', 'edit syncs first']) {
  test(`a delete racing an edit: the delete wins everywhere (${order})`, async () => {
    const { token: t, clients: [a, b] } = clientsOfOneUser()
    await a.create('body_measurements', 'bm1', { kind: 'weight', unit: 'kg', value: 80 })
    await a.create('body_measurements', 'bm2', { kind: 'weight', unit: 'kg', value: 81 })
    await a.sync()
    await b.sync()
    await a.remove('body_measurements', 'bm1')
    await b.edit('body_measurements', 'bm1', { value: 79.5 })
    const [first, second] = order === 'delete syncs first' ? [a, b] : [b, a]
    await first.sync()
    await second.sync()
    await first.sync()
    const state = await assertConverged(t, [a, b])
    assert.equal(state.body_measurements.bm1, undefined)
    assert.equal(state.body_measurements.bm2.value, 81)
  })
}

test('an edit pushed after the record was deleted on the server is rejected, and the delete reaches the client', async () => {
  const { token: t, clients: [a, b] } = clientsOfOneUser()
  await a.create('workouts', 'w9', { name: 'to delete' })
  await a.sync()
  await b.sync()
  await b.edit('workouts', 'w9', { name: 'edited' })
  // b pulls, then a's delete lands before b pushes.
  b.beforePush = async () => {
    await a.remove('workouts', 'w9')
    await a.sync()
  }
  await b.sync()
  assert.deepStrictEqual(b.pushes.at(-1).experimentalRejectedIds, { workouts: ['w9'] })
  await b.sync()
  await assertConverged(t, [a, b])
  assert.equal(await b.find('workouts', 'w9'), null)
})

test('server_wins collection: the server record wins over a client that edited it offline', async () => {
  const { token: t, clients: [phone, coach] } = clientsOfOneUser()
  await phone.create('mesocycles', 'm1', { name: 'Base', status: 'active', weeks: 4, current_week: 1 })
  await phone.sync()
  await coach.sync()
  await phone.edit('mesocycles', 'm1', { current_week: 3 })
  await coach.edit('mesocycles', 'm1', { weeks: 6, current_week: 2 })
  await coach.sync()
  await phone.sync() // pulls the coach's plan; its conflict resolver prefers the server's record
  await coach.sync()
  let state = await assertConverged(t, [phone, coach])
  assert.equal(state.mesocycles.m1.weeks, 6)
  assert.equal(state.mesocycles.m1.current_week, 2)

  // A push racing another client's change (its pull came before it) is refused by the server itself.
  await phone.edit('mesocycles', 'm1', { status: 'paused' })
  phone.beforePush = async () => {
    await coach.edit('mesocycles', 'm1', { status: 'deload' })
    await coach.sync()
  }
  await phone.sync()
  assert.deepStrictEqual(phone.pushes.at(-1).conflicts, [{ table: 'mesocycles', id: 'm1', winner: 'server' }])
  await phone.sync()
  await coach.sync()
  state = await assertConverged(t, [phone, coach])
  assert.equal(state.mesocycles.m1.status, 'deload')
})

test('a push whose response was lost is retried and changes nothing further', async () => {
  const { token: t, clients: [a, b] } = clientsOfOneUser()
  await a.create('workout_templates', 't1', { name: 'Push day' })
  await a.create('personal_records', 'pr1', { exercise: 'squat', metric: '1rm', value: 140 })
  a.losePushResponses = 1
  await assert.rejects(a.sync(), /response lost/)
  await a.sync()
  assert.equal(a.pushes.length, 2)
  assert.deepStrictEqual(a.pushes[1].conflicts, [])
  await b.sync()
  const state = await assertConverged(t, [a, b])
  assert.deepStrictEqual(Object.keys(state.workout_templates), ['t1'])
  assert.equal(state.personal_records.pr1.value, 140)
})

test('limit paging: a client pulling in small pages gets everything, including changes made between pages', async () => {
  const { token: t, clients: [writer] } = clientsOfOneUser()
  for (let i = 0; i < 120; i++) {
    await writer.create(i % 2 ? 'achievements' : 'progression_states', `p${i}`,
      i % 2 ? { kind: 'streak', data: `{"n":${i}}`, achieved_at: 1000 + i } : { exercise: `e${i}`, state: 'ok' })
  }
  await writer.sync()
  const reader = new Client(server, t, { limit: 7 })
  let pages = 0
  const original = reader.pullPage.bind(reader)
  reader.pullPage = async (cursor, migration) => {
    pages++
    if (pages === 3) {
      await writer.edit('progression_states', 'p0', { state: 'changed between pages' })
      await writer.sync()
    }
    return original(cursor, migration)
  }
  await reader.sync()
  assert.ok(pages > 120 / 7, `expected many pages, got ${pages}`)
  await writer.sync()
  await reader.sync()
  const state = await assertConverged(t, [writer, reader])
  assert.equal(Object.keys(state.achievements).length + Object.keys(state.progression_states).length, 120)
  assert.equal(state.progression_states.p0.state, 'changed between pages')
})

test('three clients with interleaved offline work all converge', async () => {
  const { token: t, clients } = clientsOfOneUser(3)
  for (const [i, c] of clients.entries()) {
    await c.create('workouts', `own-${i}`, { name: `client ${i}` })
    await c.sync()
  }
  for (let round = 0; round < 4; round++) {
    for (const [i, c] of clients.entries()) {
      await c.sync()
      const target = `own-${(i + round) % 3}`
      if (await c.find('workouts', target)) await c.edit('workouts', target, { notes: `r${round} by ${i}` })
      await sleep(2)
    }
  }
  for (let i = 0; i < 2; i++) for (const c of clients) await c.sync()
  await assertConverged(t, clients)
})

/** Calls FitSync's own API (not sync) as the given user. */
async function api(method, path, t, body) {
  const res = await fetch(`${server.url}${path}`, {
    method, headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : null }
}

function runBody(id, startMs, minutes) {
  const track = []
  for (let i = 0; i < 60; i++) track.push([startMs + 1000 * i, 52.52 + i * 2e-5, 13.405 + i * 3e-5, 34.5])
  return { id, started_at: new Date(startMs).toISOString(), ended_at: new Date(startMs + minutes * 60000).toISOString(),
    duration_s: minutes * 60, distance_m: 150 * minutes, source: 'phone', notes: 'easy', metadata: { shoes: 'red' }, track }
}

test('runs and daily entries: server-made records sync, notes and days edited offline apply, deletes reach everyone', async () => {
  const { token: t, clients: [a, b] } = clientsOfOneUser()
  const runId = '5f0c6a52-6a8e-4a43-9a3e-2a3c1d7f0b11'
  assert.equal((await api('POST', '/api/v1/runs', t, runBody(runId, Date.parse('2026-11-20T07:00:00Z'), 30))).status, 201)
  const ingest = { source: 'healthkit', items: [{ date: '2026-11-20', steps: 8123 }] }
  assert.equal((await api('POST', '/api/v1/ingest/steps', t, ingest)).status, 200)
  await a.sync()
  await b.sync()
  assert.equal((await a.find('runs', runId)).notes, 'easy')
  assert.equal((await b.find('daily_entries', '2026-11-20')).steps, 8123)

  await a.edit('runs', runId, { notes: 'felt great' })
  await a.edit('daily_entries', '2026-11-20', { steps: 9000 })
  await a.sync()
  assert.deepStrictEqual(a.pushes.at(-1).experimentalRejectedIds, {})
  assert.equal((await api('GET', `/api/v1/runs/${runId}`, t)).json.notes, 'felt great')
  // The pushed steps are the person's: a later device reading does not replace them.
  const again = await api('POST', '/api/v1/ingest/steps', t, { source: 'healthkit', items: [{ date: '2026-11-20', steps: 8500 }] })
  assert.equal(again.json.results[0].status, 'kept_manual')

  await b.remove('runs', runId)
  await b.sync()
  assert.equal((await api('GET', `/api/v1/runs/${runId}`, t)).status, 404)
  await a.sync()
  await b.sync()
  const state = await assertConverged(t, [a, b])
  assert.equal(state.runs, undefined)
  assert.equal(state.daily_entries['2026-11-20'].steps, 9000)
})

/** A run due north at 3 m/s for `seconds`: its best efforts are every standard distance it covers. */
function steadyRunBody(id, startMs, seconds) {
  const track = []
  for (let i = 0; i <= seconds; i++) track.push([startMs + 1000 * i, 52.5 + (3 * i) / 111195, 13.4, 40])
  return { id, started_at: new Date(startMs).toISOString(), ended_at: new Date(startMs + 1000 * (seconds + 1)).toISOString(),
    duration_s: seconds, distance_m: 3 * seconds, source: 'phone', track }
}

test('personal records: the server publishes best efforts beside the client\'s own records and keeps them its own', async () => {
  const { token: t, clients: [a, b] } = clientsOfOneUser()
  const first = '0b7d2c9e-4a51-4c1e-9d3f-6a2b8c1e5f01'
  const second = '0b7d2c9e-4a51-4c1e-9d3f-6a2b8c1e5f02'
  assert.equal((await api('POST', '/api/v1/runs', t, steadyRunBody(first, Date.parse('2026-11-02T07:00:00Z'), 600))).status, 201)
  await a.create('personal_records', 'pr1', { exercise: 'squat', metric: '1rm', value: 140 })
  await a.sync()
  await b.sync()

  const records = (await api('GET', '/api/v1/records', t)).json
  const km = records.best_efforts.find((e) => e.distance === '1k')
  const synced = await b.find('personal_records', 'srv_best_effort_1k')
  assert.equal(synced.exercise, 'running')
  assert.equal(synced.metric, 'best_effort_1k')
  assert.equal(synced.workout_id, first)
  assert.equal(synced.value, km.time_s)
  assert.equal(synced.achieved_at, Date.parse(km.started_at))
  assert.equal((await b.find('personal_records', 'srv_longest_run')).value, 1800)
  assert.equal((await b.find('personal_records', 'pr1')).value, 140)

  // An offline edit of the server's record is refused, and the next sync puts the server's back.
  await b.edit('personal_records', 'srv_best_effort_1k', { value: 1 })
  await b.edit('personal_records', 'pr1', { value: 145 })
  await b.sync()
  assert.deepStrictEqual(b.pushes.at(-1).experimentalRejectedIds, { personal_records: ['srv_best_effort_1k'] })
  await b.sync()
  assert.equal((await b.find('personal_records', 'srv_best_effort_1k')).value, km.time_s)

  // A longer run takes the records; deleting it on one client hands them back on every client.
  assert.equal((await api('POST', '/api/v1/runs', t, steadyRunBody(second, Date.parse('2026-11-03T07:00:00Z'), 1800))).status, 201)
  await a.sync()
  assert.equal((await a.find('personal_records', 'srv_best_effort_5k')).workout_id, second)
  assert.equal((await a.find('personal_records', 'srv_longest_run')).workout_id, second)
  await b.sync()
  await b.remove('runs', second)
  await b.sync()
  await a.sync()
  await b.sync()
  const state = await assertConverged(t, [a, b])
  assert.equal(state.personal_records.srv_longest_run.workout_id, first)
  assert.equal(state.personal_records.srv_best_effort_5k, undefined)
  assert.equal(state.personal_records.pr1.value, 145)
})
