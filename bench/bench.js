'use strict'
// Sync throughput: FitSync vs PouchDB Server (in-memory and LevelDB), same documents, same run.
//   push: 20,000 workout records in batches of 500 (records/s)
//   pull: a first sync of 100,000 records in one request (records/s)
// FitSync runs from app/target/fitsync.jar with -Xmx256m, so the pull also shows that a 100,000
// record first sync streams within a small heap. Usage: npm ci && npm run bench
// To compare two builds of FitSync side by side in one run, set BASELINE_JAR to the other build's
// jar (it joins the alternation as a fourth target); BENCH_POUCH=0 leaves PouchDB Server out.
const { spawn } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { startServer, token, freePort } = require('../interop/lib/server')

const PUSH_RECORDS = Number(process.env.PUSH_RECORDS || 20_000)
const PUSH_BATCH = 500
const WARMUP_BATCHES = Number(process.env.WARMUP_BATCHES || 400)
const PULL_RECORDS = Number(process.env.PULL_RECORDS || 100_000)
const LOAD_BATCH = 5_000
const PULL_RUNS = Number(process.env.PULL_RUNS || 3)
const PUSH_RUNS = Number(process.env.PUSH_RUNS || 5)

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

const toPouch = ({ id, ...rest }) => ({ _id: id, ...rest })

async function post(url, headers, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body) })
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** A FitSync target: pushes are WatermelonDB pushes, the pull is a first sync. */
function fitsync(server, name = 'FitSync (PostgreSQL, -Xmx256m)') {
  return {
    name,
    async prepare(db) { this.headers = { Authorization: `Bearer ${token(`bench-${db}-${Date.now()}`)}` } },
    async push(docs) {
      await post(`${server.url}/api/v1/sync`, this.headers,
        { changes: { workouts: { created: docs, updated: [], deleted: [] } }, last_pulled_at: null })
    },
    async pull() {
      const res = await fetch(`${server.url}/api/v1/sync`, { headers: this.headers })
      const body = JSON.parse(await res.text())
      return body.changes.workouts.created.length
    },
  }
}

/** A PouchDB Server target: pushes are _bulk_docs, the pull is _changes?include_docs=true. */
function pouch(name, url) {
  return {
    name,
    async prepare(db) {
      this.db = `${url}/${db}`
      const res = await fetch(this.db, { method: 'PUT' })
      if (res.status >= 300) throw new Error(`create ${this.db}: ${res.status}`)
    },
    async push(docs) { await post(`${this.db}/_bulk_docs`, {}, { docs: docs.map(toPouch) }) },
    async pull() {
      const res = await fetch(`${this.db}/_changes?include_docs=true`)
      const body = JSON.parse(await res.text())
      return body.results.filter((r) => r.doc).length
    },
  }
}

async function startPouch(args) {
  const port = await freePort()
  const bin = path.join(__dirname, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server')
  const child = spawn(process.execPath, [bin, '--port', String(port), '--no-stdout-logs', ...args],
    { stdio: 'ignore', cwd: os.tmpdir() })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return { url, stop: () => child.kill('SIGTERM') }
    } catch (e) { /* starting */ }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error('pouchdb-server did not start')
}

/**
 * Every target gets the same warm-up (400 pushes, 200,000 records, by default), so JITs on both sides
 * settle first: code that runs once per push needs hundreds of pushes before it is fully compiled.
 */
async function warmUp(target) {
  await target.prepare('warmup')
  for (let b = 0; b < WARMUP_BATCHES; b++) {
    await target.push(Array.from({ length: PUSH_BATCH }, (_, i) => workout('warm', b * PUSH_BATCH + i)))
  }
}

async function pushRate(target, run) {
  await target.prepare(`push${run}`)
  const started = process.hrtime.bigint()
  for (let b = 0; b < PUSH_RECORDS / PUSH_BATCH; b++) {
    await target.push(Array.from({ length: PUSH_BATCH }, (_, i) => workout('w', b * PUSH_BATCH + i)))
  }
  return PUSH_RECORDS / (Number(process.hrtime.bigint() - started) / 1e9)
}

async function loadForPull(target) {
  await target.prepare('pull')
  for (let b = 0; b < PULL_RECORDS / LOAD_BATCH; b++) {
    await target.push(Array.from({ length: LOAD_BATCH }, (_, i) => workout('p', b * LOAD_BATCH + i)))
  }
}

async function pullRate(target) {
  const started = process.hrtime.bigint()
  const count = await target.pull()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (count !== PULL_RECORDS) throw new Error(`${target.name} pulled ${count} of ${PULL_RECORDS}`)
  return PULL_RECORDS / seconds
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Runs alternate between the targets (FitSync, in-memory, LevelDB, FitSync, …), so a change in the
 * load of a shared machine during the run falls on all of them alike instead of on whichever came last.
 */
async function measure(targets) {
  const push = targets.map(() => [])
  const pull = targets.map(() => [])
  for (const target of targets) await warmUp(target)
  for (let run = 0; run < PUSH_RUNS; run++) {
    for (let t = 0; t < targets.length; t++) push[t].push(await pushRate(targets[t], run))
  }
  for (const target of targets) await loadForPull(target)
  for (let run = 0; run < PULL_RUNS; run++) {
    for (let t = 0; t < targets.length; t++) pull[t].push(await pullRate(targets[t]))
  }
  return targets.map((target, t) => ({ name: target.name, push: median(push[t]), pull: median(pull[t]) }))
}

async function main() {
  const withPouch = process.env.BENCH_POUCH !== '0'
  const baselineJar = process.env.BASELINE_JAR
  const leveldbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fitsync-bench-leveldb-'))
  const servers = []
  const pouches = []
  const targets = []
  try {
    servers.push(await startServer({ heap: '256m' }))
    targets.push(fitsync(servers[0]))
    if (baselineJar) {
      servers.push(await startServer({ heap: '256m', jar: path.resolve(baselineJar) }))
      targets.push(fitsync(servers[1], 'FitSync baseline (BASELINE_JAR)'))
    }
    if (withPouch) {
      pouches.push(await startPouch(['--in-memory']), await startPouch(['--dir', leveldbDir]))
      targets.push(pouch('PouchDB Server (in-memory)', pouches[0].url), pouch('PouchDB Server (LevelDB)', pouches[1].url))
    }
    const results = await measure(targets)
    for (const { name, push, pull } of results) {
      console.log(`${name.padEnd(32)} push ${push.toFixed(0).padStart(8)} rec/s   pull ${pull.toFixed(0).padStart(8)} rec/s`)
    }
    console.log(`\npush ${PUSH_RECORDS} records in batches of ${PUSH_BATCH} (median of ${PUSH_RUNS}); first-sync pull of ${PULL_RECORDS} records (median of ${PULL_RUNS})`)
    const ours = results[0]
    for (const other of results.slice(1)) {
      console.log(`FitSync / ${other.name.padEnd(32)} push ${(ours.push / other.push).toFixed(2)}x   pull ${(ours.pull / other.pull).toFixed(2)}x`)
    }
  } finally {
    pouches.forEach((p) => p.stop())
    for (const server of servers) await server.stop()
    fs.rmSync(leveldbDir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
