'use strict'
// Sync throughput: FitSync vs PouchDB Server (in-memory and LevelDB) and RxDB Server (in-memory
// storage), same documents, same run.
//   push: 20,000 workout records in batches of 500 (records/s)
//   first-sync pull: 100,000 records in one request (records/s; RxDB's protocol always pages)
//   paged pull: the same 100,000 records in pages of 500, each page asked with the last one's cursor
//   concurrent pushers: 1, 4, 16 and 32 devices of as many users, each pushing batches of 50 at once
// FitSync runs from app/target/fitsync.jar with -Xmx256m, so the pull also shows that a 100,000
// record first sync streams within a small heap. Usage: npm ci && npm run bench
// To compare two builds of FitSync side by side in one run, set BASELINE_JAR to the other build's
// jar (it joins the alternation as a further target); BENCH_POUCH=0 leaves PouchDB Server out,
// BENCH_RXDB=0 RxDB Server.
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { startServer, token, freePort } = require('../interop/lib/server')

const PUSH_RECORDS = Number(process.env.PUSH_RECORDS || 20_000)
const PUSH_BATCH = 500
const WARMUP_BATCHES = Number(process.env.WARMUP_BATCHES || 400)
const PULL_RECORDS = Number(process.env.PULL_RECORDS || 100_000)
const PAGE = 500
const LOAD_BATCH = 5_000
const PULL_RUNS = Number(process.env.PULL_RUNS || 3)
const PUSH_RUNS = Number(process.env.PUSH_RUNS || 5)
const PUSHERS = (process.env.PUSHERS || '1,4,16,32').split(',').map(Number)
const PUSHER_BATCH = 50
const PUSHER_BATCHES = Number(process.env.PUSHER_BATCHES || 40)

function workout(prefix, i) {
  const start = 1_795_158_000_000 + i * 60_000
  return {
    id: `${prefix}${i}`,
    name: `Workout ${i}`,
    notes: 'Felt strong; added 2.5 kg on the last set',
    template_id: `t${i % 50}`,
    exercises: JSON.stringify([{ name: 'squat', sets: [[5, 100], [5, 100], [5, 102.5]] },
      { name: 'bench', sets: [[5, 70], [5, 70], [5, 72.5]] }]),
    started_at: start,
    ended_at: start + 3_600_000,
    created_at: start,
    updated_at: start + 3_600_000,
  }
}

const batch = (prefix, from, size) => Array.from({ length: size }, (_, i) => workout(prefix, from + i))

const toPouch = ({ id, ...rest }) => ({ _id: id, ...rest })

async function post(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body) })
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return res.json()
}

async function getJson(url, headers = {}) {
  const res = await fetch(url, { headers })
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return JSON.parse(await res.text())
}

/**
 * A FitSync target: pushes are WatermelonDB pushes, a first sync one pull without a limit, a paged
 * pull follows `timestamp` while `has_more`. Each database name is a user of its own.
 */
function fitsync(server, name = 'FitSync (PostgreSQL, -Xmx256m)') {
  const headers = (db) => ({ Authorization: `Bearer ${token(`bench-${db}-${server.run}`)}` })
  return {
    name,
    durability: 'fsync of every push (durable commit)',
    firstSync: true,
    async prepare(db) { this.db = db },
    async push(docs, db = this.db) {
      await post(`${server.url}/api/v1/sync`, headers(db),
        { changes: { workouts: { created: docs, updated: [], deleted: [] } }, last_pulled_at: null })
    },
    async pull() {
      const body = await getJson(`${server.url}/api/v1/sync`, headers(this.db))
      return body.changes.workouts.created.length
    },
    async pullPaged() {
      let count = 0
      let query = ''
      for (;;) {
        const body = await getJson(`${server.url}/api/v1/sync?limit=${PAGE}${query}`, headers(this.db))
        const workouts = body.changes.workouts || { created: [], updated: [] }
        count += workouts.created.length + workouts.updated.length
        if (!body.has_more) return count
        query = `&last_pulled_at=${body.timestamp}`
      }
    },
  }
}

/** A PouchDB Server target: pushes are _bulk_docs, pulls _changes?include_docs=true. */
function pouch(name, url, durability) {
  return {
    name,
    durability,
    firstSync: true,
    async prepare(db) {
      this.db = db
      const res = await fetch(`${url}/${db}`, { method: 'PUT' })
      if (res.status >= 300 && res.status !== 412) throw new Error(`create ${db}: ${res.status}`)
    },
    async push(docs, db = this.db) { await post(`${url}/${db}/_bulk_docs`, {}, { docs: docs.map(toPouch) }) },
    async pull() {
      const body = await getJson(`${url}/${this.db}/_changes?include_docs=true`)
      return body.results.filter((r) => r.doc).length
    },
    async pullPaged() {
      let count = 0
      let since = 0
      for (;;) {
        const body = await getJson(`${url}/${this.db}/_changes?include_docs=true&limit=${PAGE}&since=${encodeURIComponent(since)}`)
        count += body.results.filter((r) => r.doc).length
        if (body.results.length < PAGE) return count
        since = body.last_seq
      }
    },
  }
}

/**
 * An RxDB Server target, through RxDB's replication endpoint: a push is an array of
 * {newDocumentState} rows (new documents assume no master state), a pull pages by its {id, lwt}
 * checkpoint. Its collections are declared when it starts, one per database name.
 */
function rxdb(name, url) {
  return {
    name,
    durability: 'none (in-memory storage)',
    firstSync: false,
    async prepare(db) { this.db = db },
    async push(docs, db = this.db) {
      const conflicts = await post(`${url}/${db}/0/push`, {},
        docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })))
      if (conflicts.length) throw new Error(`${name}: ${conflicts.length} conflicts on new documents`)
    },
    async pullPaged() {
      let count = 0
      let checkpoint = { id: '', lwt: 0 }
      for (;;) {
        const body = await getJson(`${url}/${this.db}/0/pull?id=${encodeURIComponent(checkpoint.id)}`
          + `&lwt=${checkpoint.lwt}&limit=${PAGE}`)
        count += body.documents.length
        if (body.documents.length < PAGE) return count
        checkpoint = body.checkpoint
      }
    },
  }
}

async function startChild(args, isUp) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd: os.tmpdir() })
  let output = ''
  child.stdout.on('data', (d) => { output += d })
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited with ${child.exitCode}`)
    if (await isUp(output)) return { child, stop: () => child.kill('SIGTERM') }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`${args[0]} did not start`)
}

async function startPouch(args) {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const bin = path.join(__dirname, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server')
  const started = await startChild([bin, '--port', String(port), '--no-stdout-logs', ...args], async () => {
    try { return (await fetch(url)).ok } catch (e) { return false }
  })
  return { url, stop: started.stop }
}

async function startRxdb(collections) {
  const port = await freePort()
  const started = await startChild([path.join(__dirname, 'rxdb-server.mjs'), String(port), collections.join(',')],
    async (output) => output.includes('ready'))
  return { url: `http://127.0.0.1:${port}`, stop: started.stop }
}

/** Every database name a run uses, so RxDB Server can declare its collections up front. */
function databaseNames() {
  return ['warmup', 'pull', ...Array.from({ length: PUSH_RUNS }, (_, r) => `push${r}`),
    ...Array.from({ length: Math.max(...PUSHERS) }, (_, p) => `device${p}`)]
}

/**
 * Every target gets the same warm-up (400 pushes, 200,000 records, by default), so JITs on both sides
 * settle first: code that runs once per push needs hundreds of pushes before it is fully compiled.
 */
async function warmUp(target) {
  await target.prepare('warmup')
  for (let b = 0; b < WARMUP_BATCHES; b++) await target.push(batch('warm', b * PUSH_BATCH, PUSH_BATCH))
}

async function timed(work) {
  const started = process.hrtime.bigint()
  await work()
  return Number(process.hrtime.bigint() - started) / 1e9
}

async function pushRate(target, run) {
  await target.prepare(`push${run}`)
  const seconds = await timed(async () => {
    for (let b = 0; b < PUSH_RECORDS / PUSH_BATCH; b++) await target.push(batch('w', b * PUSH_BATCH, PUSH_BATCH))
  })
  return PUSH_RECORDS / seconds
}

async function loadForPull(target) {
  await target.prepare('pull')
  for (let b = 0; b < PULL_RECORDS / LOAD_BATCH; b++) await target.push(batch('p', b * LOAD_BATCH, LOAD_BATCH))
}

async function pullRate(target, pull) {
  let count = 0
  const seconds = await timed(async () => { count = await pull() })
  if (count !== PULL_RECORDS) throw new Error(`${target.name} pulled ${count} of ${PULL_RECORDS}`)
  return PULL_RECORDS / seconds
}

/** `pushers` devices, each its own user (database), push PUSHER_BATCHES batches of 50 at the same time. */
async function concurrentRate(target, pushers, run) {
  for (let p = 0; p < pushers; p++) await target.prepare(`device${p}`)
  const seconds = await timed(() => Promise.all(Array.from({ length: pushers }, async (_, p) => {
    for (let b = 0; b < PUSHER_BATCHES; b++) {
      await target.push(batch(`c${pushers}-${run}-`, b * PUSHER_BATCH, PUSHER_BATCH), `device${p}`)
    }
  })))
  return (pushers * PUSHER_BATCHES * PUSHER_BATCH) / seconds
}

const median = (values) => (values.length ? [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] : NaN)

/**
 * Runs alternate between the targets (FitSync, in-memory, LevelDB, RxDB, FitSync, …), so a change in
 * the load of a shared machine during the run falls on all of them alike instead of on whichever came
 * last. Returns each target's medians.
 */
async function measure(targets) {
  const results = targets.map((target) => ({ name: target.name, durability: target.durability,
    push: [], pull: [], paged: [], pushers: Object.fromEntries(PUSHERS.map((p) => [p, []])) }))
  for (const target of targets) await warmUp(target)
  for (let run = 0; run < PUSH_RUNS; run++) {
    for (let t = 0; t < targets.length; t++) results[t].push.push(await pushRate(targets[t], run))
  }
  for (const target of targets) await loadForPull(target)
  for (let run = 0; run < PULL_RUNS; run++) {
    for (let t = 0; t < targets.length; t++) {
      const target = targets[t]
      if (target.firstSync) results[t].pull.push(await pullRate(target, () => target.pull()))
      results[t].paged.push(await pullRate(target, () => target.pullPaged()))
    }
  }
  for (let run = 0; run < PULL_RUNS; run++) {
    for (const pushers of PUSHERS) {
      for (let t = 0; t < targets.length; t++) {
        results[t].pushers[pushers].push(await concurrentRate(targets[t], pushers, run))
      }
    }
  }
  return results.map((r) => ({ ...r, push: median(r.push), pull: median(r.pull), paged: median(r.paged),
    pushers: Object.fromEntries(PUSHERS.map((p) => [p, median(r.pushers[p])])) }))
}

const rate = (value) => (Number.isNaN(value) ? '—' : value.toFixed(0)).padStart(9)
const ratio = (ours, theirs) => (Number.isNaN(ours / theirs) ? '—' : `${(ours / theirs).toFixed(2)}x`)

function report(results) {
  console.log(`${'records/s'.padEnd(34)}${'push'.padStart(9)}${'first'.padStart(9)}${'paged'.padStart(9)}`
    + PUSHERS.map((p) => `${p}x50`.padStart(9)).join('') + '   durability')
  for (const r of results) {
    console.log(`${r.name.padEnd(34)}${rate(r.push)}${rate(r.pull)}${rate(r.paged)}`
      + PUSHERS.map((p) => rate(r.pushers[p])).join('') + `   ${r.durability}`)
  }
  console.log(`\npush: ${PUSH_RECORDS} records in batches of ${PUSH_BATCH} (median of ${PUSH_RUNS}); first: a`
    + ` first-sync pull of ${PULL_RECORDS} records in one request; paged: the same in pages of ${PAGE} (medians`
    + ` of ${PULL_RUNS}); NxM: N devices of N users pushing batches of ${PUSHER_BATCH} at once,`
    + ` ${PUSHER_BATCHES} batches each, total records/s (median of ${PULL_RUNS})`)
  const ours = results[0]
  for (const other of results.slice(1)) {
    console.log(`FitSync / ${other.name.padEnd(34)} push ${ratio(ours.push, other.push)}`
      + `   first ${ratio(ours.pull, other.pull)}   paged ${ratio(ours.paged, other.paged)}   `
      + PUSHERS.map((p) => `${p}x50 ${ratio(ours.pushers[p], other.pushers[p])}`).join('   '))
  }
}

async function main() {
  const withPouch = process.env.BENCH_POUCH !== '0'
  const withRxdb = process.env.BENCH_RXDB !== '0'
  const baselineJar = process.env.BASELINE_JAR
  const leveldbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitsync-bench-leveldb-'))
  const servers = []
  const children = []
  const targets = []
  try {
    servers.push(await startServer({ heap: '256m' }))
    targets.push(fitsync(servers[0]))
    if (baselineJar) {
      servers.push(await startServer({ heap: '256m', jar: path.resolve(baselineJar) }))
      targets.push(fitsync(servers[1], 'FitSync baseline (BASELINE_JAR)'))
    }
    servers.forEach((server) => { server.run = Date.now() })
    if (withPouch) {
      const memory = await startPouch(['--in-memory'])
      const leveldb = await startPouch(['--dir', leveldbDir])
      children.push(memory, leveldb)
      targets.push(pouch('PouchDB Server (in-memory)', memory.url, 'none (in-memory)'),
        pouch('PouchDB Server (LevelDB)', leveldb.url, 'LevelDB, writes not synced'))
    }
    if (withRxdb) {
      const rx = await startRxdb(databaseNames())
      children.push(rx)
      targets.push(rxdb('RxDB Server 15.22 (memory)', rx.url))
    }
    report(await measure(targets))
  } finally {
    children.forEach((c) => c.stop())
    for (const server of servers) await server.stop()
    fs.rmSync(leveldbDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
